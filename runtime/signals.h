/* signals: signal names <-> numbers for kill and the runtime-spec features list. */
#ifndef BERTH_RT_SIGNALS_H
#define BERTH_RT_SIGNALS_H

#include "base/berr.h"

/* Parses "TERM", "SIGTERM", "sigterm", "15", "RTMIN+3"; returns the number or -EINVAL. */
int rt_signal_parse(const char *s, struct berr *err);
/* Returns "SIGTERM" for 15, NULL when unnamed. */
const char *rt_signal_name(int sig);

#endif
