/* Tests config/parse-devices.c: linux.devices. */
#include "cfg-test.h"

#define DEVS(d) LINUX("\"devices\": [" d "]")

static void test_devices(void)
{
	ASSERT_PARSES(DEVS("{\"path\": \"/dev/null\", \"type\": \"c\", \"major\": 1, \"minor\": 3, "
			   "\"fileMode\": 8630, \"uid\": 4294967295, \"gid\": 5}, "
			   "{\"path\": \"/x/tty\", \"type\": \"u\", \"major\": 4, \"minor\": 1}, "
			   "{\"path\": \"/dev/p\", \"type\": \"p\", \"major\": 0}"));
	ASSERT_INT(t_spec->linux_.n_devices, 3);
	ASSERT_INT(t_spec->linux_.devices[0].file_mode.v,
		   8630); /* S_IFCHR bits are the runtime's */
	ASSERT_INT(t_spec->linux_.devices[0].uid.v, 4294967295u);
	ASSERT_INT(t_spec->linux_.devices[0].gid.v, 5);
	ASSERT_INT(t_spec->linux_.devices[1].type, 'u');
	ASSERT_STR(t_spec->linux_.devices[1].path, "/x/tty");
	ASSERT_INT(t_spec->linux_.devices[2].type, 'p');
	ASSERT_INT(t_spec->linux_.devices[2].minor, 0);
}

static void test_device_errors(void)
{
	ASSERT_FAILS(DEVS("{\"type\": \"c\", \"major\": 1, \"minor\": 3}"),
		     "linux.devices[0].path: required");
	ASSERT_FAILS(DEVS("{\"path\": \"dev/null\", \"type\": \"c\", \"major\": 1, \"minor\": 3}"),
		     "linux.devices[0].path: must be an absolute path");
	ASSERT_FAILS(DEVS("{\"path\": \"/dev/null\", \"major\": 1, \"minor\": 3}"),
		     "linux.devices[0].type: required");
	ASSERT_FAILS(DEVS("{\"path\": \"/dev/null\", \"type\": \"x\", \"major\": 1, \"minor\": 3}"),
		     "linux.devices[0].type: unknown device type \"x\"");
	ASSERT_FAILS(
		DEVS("{\"path\": \"/dev/null\", \"type\": \"cb\", \"major\": 1, \"minor\": 3}"),
		"linux.devices[0].type: unknown device type \"cb\"");
	ASSERT_FAILS(DEVS("{\"path\": \"/dev/null\", \"type\": \"\", \"major\": 1, \"minor\": 3}"),
		     "linux.devices[0].type: unknown device type \"\"");
	ASSERT_FAILS(DEVS("{\"path\": \"/dev/a\", \"type\": \"b\", \"major\": 8, \"minor\": 0}, "
			  "{\"path\": \"/dev/b\", \"type\": \"b\", \"minor\": 3}"),
		     "linux.devices[1].major: required");
	ASSERT_FAILS(DEVS("{\"path\": \"/dev/b\", \"type\": \"b\", \"major\": 1}"),
		     "linux.devices[0].minor: required");
	ASSERT_FAILS(
		DEVS("{\"path\": \"/dev/b\", \"type\": \"b\", \"major\": \"8\", \"minor\": 1}"),
		"linux.devices[0].major: expected a 64-bit integer");
	ASSERT_FAILS(DEVS("{\"path\": \"/dev/p\", \"type\": \"p\", \"fileMode\": -1}"),
		     "linux.devices[0].fileMode: expected an unsigned 32-bit integer");
	ASSERT_FAILS(DEVS("{\"path\": \"/dev/p\", \"type\": \"p\", \"uid\": 1e3}"),
		     "linux.devices[0].uid: expected an unsigned 32-bit integer");
	ASSERT_FAILS(LINUX("\"devices\": {}"), "linux.devices: expected an array");
}

int main(void)
{
	RUN(test_devices);
	RUN(test_device_errors);
	t_done();
	UNIT_DONE();
}
