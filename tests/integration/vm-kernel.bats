#!/usr/bin/env bats
# Boot smoke test of the VM guest kernel (kvm-sandbox/): the cached vmlinux boots under QEMU
# microvm with TCG (this works on every host; KVM is not needed), runs a static init from an
# initramfs that reports the kernel release, the CPU count and three filesystems, and powers off.
# Skips only when QEMU or the kernel cannot be obtained; a kernel that fails to build fails.
# BERTH_QEMU overrides the QEMU binary (default qemu-system-x86_64).

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
QEMU=${BERTH_QEMU:-qemu-system-x86_64}
BERTH_HELPERS=${BERTH_HELPERS:-$REPO/build/release/tests/helpers}

setup_file() {
	local dir=$BATS_FILE_TMPDIR start end
	export VM_SKIP="" VM_KERNEL="" VM_RC="" VM_MS=""
	export VM_OUT="$dir/console.log" VM_KERNEL_LOG="$dir/kernel.log"

	if ! command -v "$QEMU" >/dev/null; then
		VM_SKIP="$QEMU not installed (apt-get install qemu-system-x86, or make deps)"
		return 0
	fi
	# cached: no build; else build it if the source is there (minutes, once per fragment)
	if ! VM_KERNEL=$("$REPO/kvm-sandbox/build-kernel.sh" --cached); then
		if [ ! -r /usr/src/linux-source-6.1.tar.xz ]; then
			VM_SKIP="no cached guest kernel and linux-source-6.1 not installed (make deps)"
			return 0
		fi
		VM_KERNEL=$("$REPO/kvm-sandbox/build-kernel.sh" 2>"$VM_KERNEL_LOG") || VM_KERNEL=""
		[ -n "$VM_KERNEL" ] || return 0
	fi
	[ -x "$BERTH_HELPERS/vm-smoke-init" ] || return 0
	"$REPO/kvm-sandbox/make-initramfs.sh" "$dir/init.cpio" "$BERTH_HELPERS/vm-smoke-init"

	start=$(date +%s%N)
	VM_RC=0
	timeout 60 "$QEMU" -M microvm,acpi=off -accel tcg -cpu max -m 256 -smp 2 \
		-nodefaults -no-user-config -nographic -serial stdio -no-reboot \
		-kernel "$VM_KERNEL" -initrd "$dir/init.cpio" \
		-append "console=ttyS0 reboot=t panic=-1 quiet" </dev/null >"$VM_OUT" 2>&1 || VM_RC=$?
	end=$(date +%s%N)
	VM_MS=$(((end - start) / 1000000))
}

# Skips with the reason found in setup_file, fails when the kernel or the init is missing.
need_boot() {
	[ -z "$VM_SKIP" ] || skip "$VM_SKIP"
	if [ -z "$VM_KERNEL" ]; then
		echo "guest kernel build failed:"
		tail -30 "$VM_KERNEL_LOG"
		return 1
	fi
	[ -x "$BERTH_HELPERS/vm-smoke-init" ] || {
		echo "$BERTH_HELPERS/vm-smoke-init missing: run make helpers"
		return 1
	}
	# the marker line, without the serial console's carriage return
	MARKER=$(grep -a '^BERTH-VM-SMOKE ' "$VM_OUT" | tr -d '\r') || true
	echo "qemu exit status $VM_RC after $VM_MS ms; console:"
	cat "$VM_OUT"
}

@test "vm-kernel: the guest kernel boots to init, which ends the VM within 60 s" {
	need_boot
	echo "# boot took $VM_MS ms (TCG, -smp 2, -m 256, $VM_KERNEL)" >&3
	[ "$VM_RC" -eq 0 ]
	[ "$(grep -ac 'BERTH-VM-SMOKE-ERROR' "$VM_OUT")" -eq 0 ]
	[ -n "$MARKER" ]
	# its own kernel: the release of the linux-source build, not necessarily the host's
	[[ "$MARKER" =~ release=6\.1\.[0-9]+ ]]
}

@test "vm-kernel: -smp 2 gives the guest 2 CPUs" {
	need_boot
	[[ "$MARKER" == *" cpus=2 "* ]]
}

@test "vm-kernel: the guest kernel has 9p, overlay and cgroup2" {
	need_boot
	[[ "$MARKER" == *" 9p=1 overlay=1 cgroup2=1" ]]
}
