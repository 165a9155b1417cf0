/* console: pty setup inside the container and hand-over of the master to the engine. */
#include "console.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "sync.h"

static int bind_console(const char *slave_path, struct berr *err)
{
	_cleanup_close_ int fd = -1;

	fd = open("/dev/console", O_CREAT | O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		fd = open("/dev/console", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return berr_sys(err, "create /dev/console");
	if (mount(slave_path, "/dev/console", NULL, MS_BIND, NULL) < 0)
		return berr_sys(err, "bind %s on /dev/console", slave_path);
	return 0;
}

int rt_console_new_pty(const struct cfg_process *p, int sock, char *ret_path, size_t len,
		       struct berr *err)
{
	_cleanup_close_ int master = -1, slave = -1;
	char slave_path[64];
	struct winsize ws;
	int r;

	master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0)
		return berr_sys(err, "open /dev/ptmx");
	if (unlockpt(master) < 0)
		return berr_sys(err, "unlockpt");
	if (ptsname_r(master, slave_path, sizeof(slave_path)) != 0)
		return berr_sys(err, "ptsname");
	slave = open(slave_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave < 0)
		return berr_sys(err, "open %s", slave_path);
	if (p->console_height.set || p->console_width.set) {
		memset(&ws, 0, sizeof(ws));
		ws.ws_row = (unsigned short)p->console_height.v;
		ws.ws_col = (unsigned short)p->console_width.v;
		if (ioctl(slave, TIOCSWINSZ, &ws) < 0)
			return berr_sys(err, "set terminal size");
	}
	r = rt_send_fd(sock, master, err);
	if (r < 0)
		return berr_prefix(err, "console socket");
	if (ret_path)
		(void)snprintf(ret_path, len, "%s", slave_path);
	return TAKE_FD(slave);
}

int rt_console_setup(const struct cfg_process *p, int sock, struct berr *err)
{
	_cleanup_close_ int slave = -1;
	char path[64];
	int r;

	slave = rt_console_new_pty(p, sock, path, sizeof(path), err);
	if (slave < 0)
		return slave;
	r = bind_console(path, err);
	if (r < 0)
		return r;
	return TAKE_FD(slave);
}

int rt_console_attach(int slave, struct berr *err)
{
	int i;

	if (setsid() < 0)
		return berr_sys(err, "setsid");
	if (ioctl(slave, TIOCSCTTY, 0) < 0)
		return berr_sys(err, "set controlling terminal");
	for (i = 0; i < 3; i++)
		if (dup3(slave, i, 0) < 0)
			return berr_sys(err, "dup terminal onto fd %d", i);
	return 0;
}

int rt_console_connect(const char *path, struct berr *err)
{
	_cleanup_close_ int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un sa = {.sun_family = AF_UNIX};

	if (fd < 0)
		return berr_sys(err, "--console-socket: socket");
	if (snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path) >= (int)sizeof(sa.sun_path))
		return berr_set(err, ENAMETOOLONG, "--console-socket: path too long: %s", path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return berr_sys(err, "--console-socket: connect to %s", path);
	return TAKE_FD(fd);
}
