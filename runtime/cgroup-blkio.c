/* cgroup-blkio: linux.resources.blockIO on v1 (blkio.*; the bfq files when the kernel has no
 * blkio.weight, as runc) and v2 (io.weight or io.bfq.weight, io.max). Called by
 * cgroup-resources-v1.c and cgroup-resources-v2.c. */
#include "cgroup-impl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "base/cleanup.h"
#include "base/log.h"

#define P "linux.resources.blockIO."

struct throttle_kind {
	const char *key;     /* spec field */
	const char *v1_file; /* v1 file */
	const char *v2_key;  /* io.max key */
};

static const struct throttle_kind kinds[] = {
	{"throttleReadBpsDevice", "blkio.throttle.read_bps_device", "rbps"},
	{"throttleWriteBpsDevice", "blkio.throttle.write_bps_device", "wbps"},
	{"throttleReadIOPSDevice", "blkio.throttle.read_iops_device", "riops"},
	{"throttleWriteIOPSDevice", "blkio.throttle.write_iops_device", "wiops"},
};

static const struct cfg_throttle_list *throttle_list(const struct cfg_blockio *b, size_t k)
{
	const struct cfg_throttle_list *l[] = {&b->read_bps, &b->write_bps, &b->read_iops,
					       &b->write_iops};

	return l[k];
}

static int leaf_v1(const char *dir, const char *file, const char *what, const char *value,
		   struct berr *err)
{
	if (!rt_cg_has(dir, file)) {
		log_warn("%s: the kernel has no %s (no CFQ); continuing without it", what, file);
		return 0;
	}
	return rt_cg_write(dir, file, value, what, err);
}

static int weights_v1(const char *dir, const struct cfg_blockio *b, struct berr *err)
{
	bool plain = rt_cg_has(dir, "blkio.weight");
	const char *wf = plain ? "blkio.weight" : "blkio.bfq.weight";
	const char *wdf = plain ? "blkio.weight_device" : "blkio.bfq.weight_device";
	char v[64], what[64];
	size_t i;
	int r = 0;

	if (b->weight.set && b->weight.v != 0)
		r = rt_cg_writef(dir, wf, P "weight", err, "%" PRIu64, b->weight.v);
	if (r == 0 && b->leaf_weight.set && b->leaf_weight.v != 0) {
		(void)snprintf(v, sizeof(v), "%" PRIu64, b->leaf_weight.v);
		r = leaf_v1(dir, "blkio.leaf_weight", P "leafWeight", v, err);
	}
	for (i = 0; r == 0 && i < b->n_weight_device; i++) {
		const struct cfg_weight_device *w = &b->weight_device[i];

		(void)snprintf(what, sizeof(what), P "weightDevice[%zu]", i);
		if (w->weight.set && w->weight.v != 0)
			r = rt_cg_writef(dir, wdf, what, err, "%" PRId64 ":%" PRId64 " %" PRIu64,
					 w->major, w->minor, w->weight.v);
		if (r == 0 && w->leaf_weight.set && w->leaf_weight.v != 0) {
			(void)snprintf(v, sizeof(v), "%" PRId64 ":%" PRId64 " %" PRIu64, w->major,
				       w->minor, w->leaf_weight.v);
			r = leaf_v1(dir, "blkio.leaf_weight_device", what, v, err);
		}
	}
	return r;
}

int rt_cg_v1_blkio(const char *dir, const struct cfg_blockio *b, struct berr *err)
{
	char what[64];
	size_t k, i;
	int r;

	if (!dir[0])
		return berr_set(err, ENOTSUP, P "*: no blkio cgroup controller on this host");
	r = weights_v1(dir, b, err);
	for (k = 0; r == 0 && k < ARRAY_SIZE(kinds); k++) {
		const struct cfg_throttle_list *l = throttle_list(b, k);

		for (i = 0; r == 0 && i < l->n; i++) {
			(void)snprintf(what, sizeof(what), P "%s[%zu]", kinds[k].key, i);
			r = rt_cg_writef(dir, kinds[k].v1_file, what, err,
					 "%" PRId64 ":%" PRId64 " %" PRIu64, l->v[i].major,
					 l->v[i].minor, l->v[i].rate);
		}
	}
	return r;
}

/* io.bfq.weight takes blkio's own range; io.weight needs the converted value. */
static int weights_v2(const char *dir, const struct cfg_blockio *b, struct berr *err)
{
	bool bfq = rt_cg_has(dir, "io.bfq.weight");
	const char *wf = bfq ? "io.bfq.weight" : "io.weight";
	char what[64];
	size_t i;
	int r = 0;

	if (b->weight.set && b->weight.v != 0)
		r = rt_cg_writef(dir, wf, P "weight", err, "%" PRIu64,
				 bfq ? b->weight.v : rt_cg_blkio_to_io_weight(b->weight.v));
	if (b->leaf_weight.set && b->leaf_weight.v != 0)
		log_warn(P "leafWeight: cgroup v2 has no leaf weights; continuing without it");
	for (i = 0; r == 0 && i < b->n_weight_device; i++) {
		const struct cfg_weight_device *w = &b->weight_device[i];

		if (!w->weight.set || w->weight.v == 0)
			continue;
		(void)snprintf(what, sizeof(what), P "weightDevice[%zu]", i);
		r = rt_cg_writef(dir, wf, what, err, "%" PRId64 ":%" PRId64 " %" PRIu64, w->major,
				 w->minor,
				 bfq ? w->weight.v : rt_cg_blkio_to_io_weight(w->weight.v));
	}
	return r;
}

int rt_cg_v2_io(const char *dir, const struct cfg_blockio *b, struct berr *err)
{
	char what[64], rate[32];
	size_t k, i;
	int r;

	r = weights_v2(dir, b, err);
	for (k = 0; r == 0 && k < ARRAY_SIZE(kinds); k++) {
		const struct cfg_throttle_list *l = throttle_list(b, k);

		for (i = 0; r == 0 && i < l->n; i++) {
			(void)snprintf(what, sizeof(what), P "%s[%zu]", kinds[k].key, i);
			/* 0 lifts a v1 throttle; v2 spells that "max" */
			if (l->v[i].rate == 0)
				(void)snprintf(rate, sizeof(rate), "max");
			else
				(void)snprintf(rate, sizeof(rate), "%" PRIu64, l->v[i].rate);
			r = rt_cg_writef(dir, "io.max", what, err, "%" PRId64 ":%" PRId64 " %s=%s",
					 l->v[i].major, l->v[i].minor, kinds[k].v2_key, rate);
		}
	}
	return r;
}
