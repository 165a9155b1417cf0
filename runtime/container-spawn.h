/* container-spawn: start the container init process (see container-spawn.c). */
#ifndef BERTH_RT_CONTAINER_SPAWN_H
#define BERTH_RT_CONTAINER_SPAWN_H

#include "container.h"

/* Clones init into its namespaces; sets c->pid (a child of the caller). */
int rt_container_spawn(struct rt_container *c, struct berr *err);

#endif
