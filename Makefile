# berth: build, test, install. See README.md.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
VMDIR ?= $(PREFIX)/lib/berth
CC ?= gcc
PKGS := yajl libcap libseccomp
VERSION := 0.1.0
GIT_COMMIT := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

WARN := -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wvla -Wundef -Wwrite-strings \
	-Wstrict-prototypes -Wmissing-prototypes
CFLAGS_BASE := -std=gnu11 -D_GNU_SOURCE $(WARN) -DBERTH_VERSION=\"$(VERSION)\" \
	-DBERTH_COMMIT=\"$(GIT_COMMIT)\" \
	-DBERTH_VM_DIR=\"$(VMDIR)\"
ifeq ($(ASAN),1)
BUILD := build/asan
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
LDOPT := -fsanitize=address,undefined
else
BUILD := build/release
OPT := -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
LDOPT := -pie -Wl,-z,relro,-z,now
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(CFLAGS_BASE) $(OPT) $(PKG_CFLAGS) $(CFLAGS)

LIB_SRC := $(wildcard runtime/base/*.c) $(wildcard config/*.c) \
	$(filter-out runtime/main.c,$(wildcard runtime/*.c)) $(wildcard kvm-sandbox/*.c) \
	$(wildcard shim/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/*/test-*.c tests/unit/*/*/test-*.c)
UNIT_BIN := $(UNIT_SRC:%.c=$(BUILD)/%)
HELPER_SRC := $(wildcard tests/helpers/*.c)
HELPER_BIN := $(HELPER_SRC:%.c=$(BUILD)/%)
MAN_SRC := $(wildcard man/*.scd)
MAN_OUT := $(MAN_SRC:%.scd=build/%)

DEB_PKGS := gcc make pkg-config libseccomp-dev libcap-dev libyajl-dev \
	libcgroup-dev bats busybox-static scdoc jq clang-format runc iproute2 util-linux \
	debootstrap uidmap bsdutils podman containerd docker.io iptables \
	linux-source-6.1 flex bison bc libelf-dev libssl-dev cpio qemu-system-x86

.PHONY: all deps check demo install man clean unit-tests helpers kernel vm bench
all: $(BUILD)/berth man

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# the commit baked into `berth version` follows the checkout
# .git/logs/HEAD changes with every commit (HEAD itself only names the branch)
$(BUILD)/runtime/cmd-version.o: $(wildcard .git/HEAD .git/index .git/logs/HEAD)

$(BUILD)/libberth.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# the binary is stripped (create, run and exec copy it into a sealed memfd: smaller is faster);
# its debug info goes to berth.debug, linked by name for gdb
$(BUILD)/berth: $(BUILD)/runtime/main.o $(BUILD)/libberth.a
	$(CC) $(LDOPT) -o $@.full $^ $(PKG_LIBS)
ifeq ($(ASAN),1)
	mv $@.full $@
else
	objcopy --only-keep-debug $@.full $@.debug
	objcopy --strip-all --add-gnu-debuglink=$@.debug $@.full $@
	rm -f $@.full
endif
	ln -sf berth $(BUILD)/berth-vm

$(BUILD)/tests/%: tests/%.c $(BUILD)/libberth.a tests/unit/unit.h $(wildcard tests/unit/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDOPT) -o $@ $< $(BUILD)/libberth.a $(PKG_LIBS)

# PID 1 of the guest kernel's boot smoke test: static, without libberth or sanitizers
$(BUILD)/tests/helpers/vm-smoke-init: tests/helpers/vm-smoke-init.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) -O2 -static -o $@ $<

# berth-agent: PID 1 of the guest, the same library built once more without sanitizers, linked
# fully static (yajl_s, libseccomp, libcap, glibc): the initramfs holds this one file
AGENT_BUILD := build/agent
AGENT_SRC := $(LIB_SRC) $(wildcard kvm-sandbox/agent/*.c)
AGENT_OBJ := $(AGENT_SRC:%.c=$(AGENT_BUILD)/%.o)
AGENT_LIBS := -static -lyajl_s -lseccomp -lcap
VM_DIR := build/vm

$(AGENT_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_BASE) -Os -g0 -D_FORTIFY_SOURCE=2 $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(AGENT_BUILD)/berth-agent: $(AGENT_OBJ)
	$(CC) -s -Wl,--gc-sections -o $@ $^ $(AGENT_LIBS)

$(VM_DIR)/initramfs.cpio: $(AGENT_BUILD)/berth-agent kvm-sandbox/make-initramfs.sh
	@mkdir -p $(VM_DIR)
	kvm-sandbox/make-initramfs.sh $@ $(AGENT_BUILD)/berth-agent

# the files vm mode needs, in build/vm with a berth.conf naming them (tests and the demo
# point BERTH_CONFIG at it)
vm: $(VM_DIR)/initramfs.cpio kernel
	ln -sf "$$(kvm-sandbox/build-kernel.sh --cached)" $(VM_DIR)/vmlinux
	printf 'kernel = %s\ninitramfs = %s\n' "$(CURDIR)/$(VM_DIR)/vmlinux" \
		"$(CURDIR)/$(VM_DIR)/initramfs.cpio" > $(VM_DIR)/berth.conf

unit-tests: $(UNIT_BIN)
helpers: $(HELPER_BIN)

build/man/%: man/%.scd
	@mkdir -p build/man
	scdoc < $< > $@

man: $(MAN_OUT)

# Installs every Debian package the build, the demo and the tests need; quiet when present.
deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
		grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing:" $$missing; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }; fi

# The VM guest kernel, cached in /var/cache/berth/kernel-<key>/ (kvm-sandbox/README.md)
kernel: deps
	kvm-sandbox/build-kernel.sh

check: deps
	$(MAKE) all unit-tests helpers vm
	BUILD=$(BUILD) tests/run-all.sh

# berth vs runc and crun, vm mode vs bare QEMU: a table, build/bench/bench.json and bench.svg
bench: all vm helpers
	tests/bench/bench.sh -o build/bench

demo: deps
	$(MAKE) all vm
	BUILD=$(BUILD) tests/demo.sh

install: all vm
	install -D -m 0755 $(BUILD)/berth $(DESTDIR)$(BINDIR)/berth
	ln -sf berth $(DESTDIR)$(BINDIR)/berth-vm
	install -D -m 0644 $(VM_DIR)/vmlinux $(DESTDIR)$(VMDIR)/vmlinux
	install -D -m 0644 $(VM_DIR)/initramfs.cpio $(DESTDIR)$(VMDIR)/initramfs.cpio
	for f in $(MAN_OUT); do s=$${f##*.}; install -D -m 0644 $$f \
		$(DESTDIR)$(MANDIR)/man$$s/$$(basename $$f); done

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(BUILD)/runtime/main.d $(AGENT_OBJ:.o=.d)
