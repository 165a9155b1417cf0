/* vm-tty: the host end of a VM process's terminal (see the header). */
#include "vm-tty.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "../runtime/base/cleanup.h"
#include "../runtime/console.h"
#include "../runtime/sync.h"

int vm_tty_open(const char *console_socket, unsigned short rows, unsigned short cols,
		struct berr *err)
{
	_cleanup_close_ int sock = -1, master = -1, slave = -1;
	struct winsize ws = {.ws_row = rows, .ws_col = cols};
	struct termios t;
	int r;

	sock = rt_console_connect(console_socket, err);
	if (sock < 0)
		return sock;
	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0)
		return berr_sys(err, "open a pty for the terminal");
	slave = open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave < 0)
		return berr_sys(err, "open the pty slave");
	if (tcgetattr(slave, &t) == 0) {
		cfmakeraw(&t);
		(void)tcsetattr(slave, TCSANOW, &t);
	}
	if (rows || cols)
		(void)ioctl(master, TIOCSWINSZ, &ws);
	r = rt_send_fd(sock, master, err);
	if (r < 0)
		return r;
	return TAKE_FD(slave);
}
