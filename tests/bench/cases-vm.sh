# vm cases, sourced by bench.sh, berth only (runc and crun have no vm mode): `run --isolation vm`
# of true to exit and of echo to its first output line (its first instruction plus the relay
# back: the closest a host can see), against the floor: the same QEMU command booting the same
# kernel with an init that ends the VM at once. The lifecycle cases run for berth-vm too
# (case_lifecycle), which adds QEMU's RSS with a container idling in the VM.
# Needs BERTH_CONFIG, HELPERS, VM_ACCEL (kvm or tcg), TRUE_B, ECHO_B.
# shellcheck shell=bash disable=SC2034 # T0 is read by ms_since (lib.sh)

bench_case vm-exit ms qemu-floor "vm: run true, to exit"
bench_case vm-first ms vm-exit:qemu-floor "vm: run echo, to its first output line"
bench_case vm-qemu-rss MiB - "vm: QEMU RSS, idle container"
bench_case vm-parallel ms - "vm: $VM_PARALLEL x run true in parallel"

vm_floor_setup() {
	"$TOP/kvm-sandbox/make-initramfs.sh" "$WORK/floor.cpio" "$HELPERS/vm-smoke-init"
	FLOOR_KERNEL=$(sed -n 's/^kernel *= *//p' "$BERTH_CONFIG")
	[ -n "$FLOOR_KERNEL" ] || die "no kernel = line in $BERTH_CONFIG"
	if [ "$VM_ACCEL" = kvm ]; then
		FLOOR_ACCEL=(-accel kvm -cpu host)
	else
		FLOOR_ACCEL=(-accel "tcg,thread=multi" -cpu max)
	fi
}

# Waits (5 s at most) until no QEMU of this bench is left: a VM that a delete has just killed
# still frees its memory afterwards, and that would fall on whichever run comes next.
vm_settle() {
	local i
	for ((i = 0; i < 500; i++)); do
		pgrep -f "qemu-system.*$WORK" >/dev/null || return 0
		sleep 0.01
	done
}

vm_exit_berth() { # id
	local ms
	T0=$EPOCHREALTIME
	rt_ok berth-vm run --bundle "$TRUE_B" "$1"
	ms_since ms
	sample vm-exit berth-vm "$ms"
}

vm_exit_floor() {
	local ms
	T0=$EPOCHREALTIME
	# berth's QEMU command line (kvm-sandbox/qemu-argv.c): the same devices, sandbox and
	# console; only the init differs (it ends the VM at once)
	qemu-system-x86_64 -M microvm,acpi=off "${FLOOR_ACCEL[@]}" -m 128 -smp 1 \
		-nodefaults -no-user-config -display none -no-reboot \
		-sandbox on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny \
		-chardev "file,id=con,path=$WORK/floor-console.log" -serial chardev:con \
		-kernel "$FLOOR_KERNEL" -initrd "$WORK/floor.cpio" \
		-append "console=ttyS0 reboot=t panic=-1 quiet loglevel=3 nokaslr" \
		-device virtio-serial-device,max_ports=2 -chardev null,id=agent \
		-device virtserialport,chardev=agent,name=berth.agent \
		-fsdev "local,id=rootfs,path=$WORK/rootfs,security_model=passthrough" \
		-device virtio-9p-device,fsdev=rootfs,mount_tag=rootfs \
		</dev/null >/dev/null 2>&1 || die "the floor QEMU failed"
	ms_since ms
	sample vm-exit qemu-floor "$ms"
}

case_vm() { # id-prefix repetition: one repetition of the start-up cases; berth and the
	# floor take turns at going first
	local ms
	if (($2 % 2)); then
		vm_exit_berth "$1-t"
		vm_exit_floor
	else
		vm_exit_floor
		vm_exit_berth "$1-t"
	fi

	: >"$WORK/first"
	T0=$EPOCHREALTIME
	rt berth-vm run --bundle "$ECHO_B" "$1-f" </dev/null 2>"$WORK/err" |
		{ read -r _ && ms_since ms && echo "$ms" >"$WORK/first"; cat >/dev/null; }
	[ -s "$WORK/first" ] || die "berth-vm run $1-f printed nothing: $(head -c 300 "$WORK/err")"
	sample vm-first berth-vm "$(cat "$WORK/first")"
}

case_vm_parallel() { # id-prefix
	local ms k
	: >"$WORK/vm-fail"
	T0=$EPOCHREALTIME
	for ((k = 0; k < VM_PARALLEL; k++)); do
		rt berth-vm run --bundle "$TRUE_B" "$1-$k" </dev/null >/dev/null 2>&1 ||
			echo "$1-$k" >>"$WORK/vm-fail" &
	done
	wait
	ms_since ms
	[ ! -s "$WORK/vm-fail" ] || die "vm: parallel runs failed: $(tr '\n' ' ' <"$WORK/vm-fail")"
	sample vm-parallel berth-vm "$ms"
}
