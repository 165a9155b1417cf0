/* test-state-json: state.json written atomically and read back field by field, and the
 * runtime-spec state document `berth state` prints. */
#include <errno.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "../../../runtime/state.h"
#include "unit.h"
#include "rt-unit.h"

static char dir[PATH_MAX];

static void fill_state(struct rt_state *st, struct cfg_kv *kv, size_t n)
{
	memset(st, 0, sizeof(*st));
	(void)snprintf(st->id, sizeof(st->id), "c-1");
	(void)snprintf(st->bundle, sizeof(st->bundle), "/b/\"quoted\" dir");
	(void)snprintf(st->rootfs, sizeof(st->rootfs), "/b/rootfs");
	(void)snprintf(st->isolation, sizeof(st->isolation), "container");
	(void)snprintf(st->created, sizeof(st->created), "2024-01-02T03:04:05.000000006Z");
	st->pid = 4242;
	st->start_time = 123456789012ULL;
	st->owner = 1000;
	st->annotations.v = kv;
	st->annotations.n = n;
}

static int state_dir(const char *name)
{
	char p[PATH_MAX];

	ut_path(p, "%s/%s", dir, name);
	if (mkdir(p, 0700) < 0)
		return -errno;
	return open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static void test_write_read_round_trip(void)
{
	struct cfg_kv kv[] = {{(char *)"org.example/a", (char *)"1"},
			      {(char *)"b", (char *)"two\nlines"}};
	struct rt_state in, out;
	struct berr err = {0};
	char p[PATH_MAX];
	struct stat sb;
	int fd = state_dir("rt");

	ASSERT_TRUE(fd >= 0);
	fill_state(&in, kv, 2);
	ASSERT_INT(rt_state_write(fd, &in, &err), 0);
	ut_path(p, "%s/rt/state.json", dir);
	ASSERT_INT(stat(p, &sb), 0);
	ASSERT_INT(sb.st_mode & 0777, 0600);
	ut_path(p, "%s/rt/state.json.tmp", dir);
	ASSERT_TRUE(access(p, F_OK) < 0); /* renamed into place */
	memset(&out, 0x55, sizeof(out));
	ASSERT_INT(rt_state_read(fd, &out, &err), 0);
	(void)close(fd);
	ASSERT_STR(out.id, "c-1");
	ASSERT_STR(out.bundle, "/b/\"quoted\" dir");
	ASSERT_STR(out.rootfs, "/b/rootfs");
	ASSERT_STR(out.isolation, "container");
	ASSERT_STR(out.created, "2024-01-02T03:04:05.000000006Z");
	ASSERT_INT(out.pid, 4242);
	ASSERT_INT(out.start_time, 123456789012ULL);
	ASSERT_INT(out.owner, 1000);
	ASSERT_INT(out.annotations.n, 2);
	ASSERT_STR(out.annotations.v[0].key, "org.example/a");
	ASSERT_STR(out.annotations.v[0].value, "1");
	ASSERT_STR(out.annotations.v[1].key, "b");
	ASSERT_STR(out.annotations.v[1].value, "two\nlines");
	rt_state_clear(&out);
	ASSERT_INT(out.annotations.n, 0);
	ASSERT_TRUE(out.annotations.v == NULL);
}

static void test_rewrite_replaces(void)
{
	struct rt_state in, out;
	struct berr err = {0};
	int fd = state_dir("rewrite");

	ASSERT_TRUE(fd >= 0);
	fill_state(&in, NULL, 0);
	ASSERT_INT(rt_state_write(fd, &in, &err), 0);
	in.pid = 7;
	ASSERT_INT(rt_state_write(fd, &in, &err), 0);
	ASSERT_INT(rt_state_read(fd, &out, &err), 0);
	(void)close(fd);
	ASSERT_INT(out.pid, 7);
	ASSERT_INT(out.annotations.n, 0);
	rt_state_clear(&out);
}

static void test_read_missing(void)
{
	struct rt_state out = {.pid = 99};
	struct berr err = {0};
	char buf[600];
	int fd = state_dir("missing");

	ASSERT_TRUE(fd >= 0);
	ASSERT_INT(rt_state_read(fd, &out, &err), -ENOENT);
	(void)close(fd);
	ASSERT_STR(berr_str(&err, buf, sizeof(buf)), "read state.json: No such file or directory");
	ASSERT_INT(out.pid, 99); /* failure leaves ret alone */
}

static void test_read_invalid_json(void)
{
	struct rt_state out = {.pid = 99};
	struct berr err = {0};
	char p[PATH_MAX];
	int fd = state_dir("invalid");

	ASSERT_TRUE(fd >= 0);
	ut_path(p, "%s/invalid/state.json", dir);
	ASSERT_INT(ut_write_file(p, "{\"id\": ", 0600), 0);
	ASSERT_INT(rt_state_read(fd, &out, &err), -EIO);
	(void)close(fd);
	ASSERT_STR(err.msg, "state.json: invalid JSON");
	ASSERT_INT(out.pid, 99);
}

/* keys of the wrong type read as empty / zero instead of failing */
static void test_read_tolerates_wrong_types(void)
{
	struct rt_state out;
	struct berr err = {0};
	char p[PATH_MAX];
	int fd = state_dir("types");

	ASSERT_TRUE(fd >= 0);
	ut_path(p, "%s/types/state.json", dir);
	ASSERT_INT(ut_write_file(p,
				 "{\"id\": 5, \"pid\": \"12\", \"bundle\": \"/x\", "
				 "\"annotations\": {\"k\": 3}}",
				 0600),
		   0);
	ASSERT_INT(rt_state_read(fd, &out, &err), 0);
	(void)close(fd);
	ASSERT_STR(out.id, "");
	ASSERT_INT(out.pid, 0);
	ASSERT_STR(out.bundle, "/x");
	ASSERT_INT(out.annotations.n, 1);
	ASSERT_STR(out.annotations.v[0].value, "");
	rt_state_clear(&out);
}

static bool str_is(yajl_val root, const char *const *path, const char *want)
{
	yajl_val v = yajl_tree_get(root, (const char **)path, yajl_t_string);
	const char *s = v ? YAJL_GET_STRING(v) : NULL;

	return s && !strcmp(s, want);
}

static bool int_is(yajl_val root, const char *key, long long want)
{
	const char *path[] = {key, NULL};
	yajl_val v = yajl_tree_get(root, path, yajl_t_number);

	return v && YAJL_IS_INTEGER(v) && YAJL_GET_INTEGER(v) == want;
}

#define KEY(k) ((const char *const[]){k, NULL})

static void check_doc(const char *json, const char *status, long long pid)
{
	char ebuf[128];
	yajl_val root = yajl_tree_parse(json, ebuf, sizeof(ebuf));
	bool ok;

	ASSERT_TRUE(root != NULL);
	ok = str_is(root, KEY("ociVersion"), "1.2.0") && str_is(root, KEY("id"), "c-1") &&
	     str_is(root, KEY("status"), status) && int_is(root, "pid", pid) &&
	     str_is(root, KEY("bundle"), "/b/\"quoted\" dir") &&
	     str_is(root, KEY("rootfs"), "/b/rootfs") &&
	     str_is(root, KEY("created"), "2024-01-02T03:04:05.000000006Z") &&
	     str_is(root, ((const char *const[]){"annotations", "org.example/a", NULL}), "1");
	yajl_tree_free(root);
	if (!ok)
		ASSERT_STR(json, "(a state document with the fields of fill_state)");
}

static void test_spec_state_document(void)
{
	struct cfg_kv kv[] = {{(char *)"org.example/a", (char *)"1"}};
	struct rt_state st;
	char *json;

	fill_state(&st, kv, 1);
	json = rt_state_to_json(&st, RT_STATUS_RUNNING);
	ASSERT_TRUE(json != NULL);
	check_doc(json, "running", 4242);
	free(json);
	/* a stopped container has no pid (runtime-spec state.md) */
	json = rt_state_to_json(&st, RT_STATUS_STOPPED);
	ASSERT_TRUE(json != NULL);
	check_doc(json, "stopped", 0);
	free(json);
	json = rt_state_to_json(&st, RT_STATUS_CREATED);
	ASSERT_TRUE(json != NULL);
	check_doc(json, "created", 4242);
	free(json);
}

/* Without annotations of its own, the state still says which isolation the container got. */
static void test_state_document_isolation_annotation(void)
{
	const char *ann_path[] = {"annotations", NULL};
	const char *iso_path[] = {"annotations", "berth.isolation", NULL};
	struct rt_state st;
	char ebuf[128];
	yajl_val root, v;
	char *json;

	fill_state(&st, NULL, 0);
	(void)snprintf(st.isolation, sizeof(st.isolation), "vm");
	json = rt_state_to_json(&st, RT_STATUS_CREATED);
	ASSERT_TRUE(json != NULL);
	root = yajl_tree_parse(json, ebuf, sizeof(ebuf));
	free(json);
	ASSERT_TRUE(root != NULL);
	v = yajl_tree_get(root, ann_path, yajl_t_object);
	ASSERT_TRUE(v != NULL && YAJL_GET_OBJECT(v)->len == 1);
	v = yajl_tree_get(root, iso_path, yajl_t_string);
	ASSERT_TRUE(v != NULL);
	ASSERT_STR(YAJL_GET_STRING(v), "vm");
	yajl_tree_free(root);
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_write_read_round_trip);
	RUN(test_rewrite_replaces);
	RUN(test_read_missing);
	RUN(test_read_invalid_json);
	RUN(test_read_tolerates_wrong_types);
	RUN(test_spec_state_document);
	RUN(test_state_document_isolation_annotation);
	ut_rmrf(dir);
	UNIT_DONE();
}
