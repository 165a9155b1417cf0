/* cleanup: __attribute__((cleanup)) helpers for what a process owns, and TAKE_FD/TAKE_PTR
 * to hand ownership over. Helpers keep errno; close() is never retried. */
#ifndef BERTH_CLEANUP_H
#define BERTH_CLEANUP_H

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static inline void cleanup_freep(void *p)
{
	int e = errno;

	free(*(void **)p);
	errno = e;
}

static inline void cleanup_closep(int *fd)
{
	int e = errno;

	if (*fd >= 0)
		(void)close(*fd); /* never retried: Linux frees the fd even on EINTR */
	errno = e;
}

static inline void cleanup_fclosep(FILE **f)
{
	int e = errno;

	if (*f)
		(void)fclose(*f);
	errno = e;
}

static inline void cleanup_closedirp(DIR **d)
{
	int e = errno;

	if (*d)
		(void)closedir(*d);
	errno = e;
}

#define _cleanup_free_	   __attribute__((cleanup(cleanup_freep)))
#define _cleanup_close_	   __attribute__((cleanup(cleanup_closep)))
#define _cleanup_fclose_   __attribute__((cleanup(cleanup_fclosep)))
#define _cleanup_closedir_ __attribute__((cleanup(cleanup_closedirp)))

#define TAKE_FD(fd)                                                                                \
	({                                                                                         \
		int _t = (fd);                                                                     \
		(fd) = -1;                                                                         \
		_t;                                                                                \
	})
#define TAKE_PTR(p)                                                                                \
	({                                                                                         \
		__typeof__(p) _t = (p);                                                            \
		(p) = NULL;                                                                        \
		_t;                                                                                \
	})

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
