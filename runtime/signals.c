/* signals: the name table behind `berth kill`, with SIG prefix optional and RTMIN+N forms. */
#include "signals.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/cleanup.h"

static const struct {
	const char *name;
	int sig;
} signal_table[] = {
	{"SIGABRT", SIGABRT},	  {"SIGALRM", SIGALRM},	    {"SIGBUS", SIGBUS},
	{"SIGCHLD", SIGCHLD},	  {"SIGCLD", SIGCHLD},	    {"SIGCONT", SIGCONT},
	{"SIGFPE", SIGFPE},	  {"SIGHUP", SIGHUP},	    {"SIGILL", SIGILL},
	{"SIGINT", SIGINT},	  {"SIGIO", SIGIO},	    {"SIGIOT", SIGIOT},
	{"SIGKILL", SIGKILL},	  {"SIGPIPE", SIGPIPE},	    {"SIGPOLL", SIGPOLL},
	{"SIGPROF", SIGPROF},	  {"SIGPWR", SIGPWR},	    {"SIGQUIT", SIGQUIT},
	{"SIGSEGV", SIGSEGV},	  {"SIGSTKFLT", SIGSTKFLT}, {"SIGSTOP", SIGSTOP},
	{"SIGSYS", SIGSYS},	  {"SIGTERM", SIGTERM},	    {"SIGTRAP", SIGTRAP},
	{"SIGTSTP", SIGTSTP},	  {"SIGTTIN", SIGTTIN},	    {"SIGTTOU", SIGTTOU},
	{"SIGURG", SIGURG},	  {"SIGUSR1", SIGUSR1},	    {"SIGUSR2", SIGUSR2},
	{"SIGVTALRM", SIGVTALRM}, {"SIGWINCH", SIGWINCH},   {"SIGXCPU", SIGXCPU},
	{"SIGXFSZ", SIGXFSZ},
};

static int parse_number(const char *s, int *ret)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 1000)
		return -EINVAL;
	*ret = (int)v;
	return 0;
}

static int parse_rt(const char *name, int *ret)
{
	int off = 0;

	if (strncasecmp(name, "SIGRTMIN", 8) == 0) {
		if (name[8] && (name[8] != '+' || parse_number(name + 9, &off) < 0))
			return -EINVAL;
		*ret = SIGRTMIN + off;
	} else if (strncasecmp(name, "SIGRTMAX", 8) == 0) {
		if (name[8] && (name[8] != '-' || parse_number(name + 9, &off) < 0))
			return -EINVAL;
		*ret = SIGRTMAX - off;
	} else {
		return -EINVAL;
	}
	return *ret >= SIGRTMIN && *ret <= SIGRTMAX ? 0 : -EINVAL;
}

int rt_signal_parse(const char *s, struct berr *err)
{
	char name[32];
	int sig;
	size_t i;

	if (!s || !*s)
		return berr_set(err, EINVAL, "invalid signal: empty");
	if (isdigit((unsigned char)s[0])) {
		if (parse_number(s, &sig) < 0 || sig < 1 || sig > SIGRTMAX)
			return berr_set(err, EINVAL, "invalid signal: %s", s);
		return sig;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	if (strlen(s) + 4 > sizeof(name))
		return berr_set(err, EINVAL, "invalid signal: %s", s);
	strcpy(name, "SIG");
	strcat(name, s);
	for (i = 0; i < ARRAY_SIZE(signal_table); i++)
		if (strcasecmp(signal_table[i].name, name) == 0)
			return signal_table[i].sig;
	if (parse_rt(name, &sig) == 0)
		return sig;
	return berr_set(err, EINVAL, "invalid signal: %s", s);
}

const char *rt_signal_name(int sig)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(signal_table); i++)
		if (signal_table[i].sig == sig)
			return signal_table[i].name;
	return NULL;
}
