/* exe-clone: copy /proc/self/exe into a memfd, seal it against every change, fexecve it. */
#include "exe-clone.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"

#define SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

extern char **environ;

bool rt_exe_is_cloned(void)
{
	_cleanup_close_ int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	int seals;

	if (fd < 0)
		return false;
	seals = fcntl(fd, F_GET_SEALS);
	return seals >= 0 && (seals & SEALS) == SEALS;
}

int rt_exe_clone_and_reexec(char **argv, struct berr *err)
{
	_cleanup_close_ int src = -1, mfd = -1;
	struct stat st;
	off_t off = 0;
	ssize_t n;

	src = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (src < 0 || fstat(src, &st) < 0)
		return berr_sys(err, "open /proc/self/exe");
	mfd = memfd_create("berth", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0)
		return berr_sys(err, "memfd_create");
	while (off < st.st_size) {
		n = sendfile(mfd, src, NULL, (size_t)(st.st_size - off));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return berr_sys(err, "copy berth binary into memfd");
		off += n;
	}
	if (fcntl(mfd, F_ADD_SEALS, SEALS) < 0)
		return berr_sys(err, "seal berth binary copy");
	fexecve(mfd, argv, environ);
	return berr_sys(err, "re-exec sealed berth binary");
}
