/* Unit tests for kvm-sandbox/vm-guest-config.c: the guest's config.json: rootfs, bind sources
 * under the shares (a file through a directory of its own), host hooks gone, network path
 * dropped, cgroupsPath under /berth; what cannot cross into a VM is refused. */
#include "unit.h"
#include "../runtime/rt-unit.h"

#include <yajl/yajl_tree.h>

#include "../../../kvm-sandbox/vm-guest-config.h"

static char dir[PATH_MAX];

static int make(const char *json, struct vm_guest_config *g, struct berr *err)
{
	struct cfg_spec *s = NULL;
	int r = cfg_spec_parse(json, strlen(json), &s, err);

	if (r == 0)
		r = vm_guest_config_make(json, strlen(json), s, "c1", g, err);
	cfg_spec_free(s);
	return r;
}

static const char *get(yajl_val v, const char **path)
{
	yajl_val x = yajl_tree_get(v, path, yajl_t_string);

	return x ? YAJL_GET_STRING(x) : "";
}

static void test_rewrite(void)
{
	char json[3 * PATH_MAX + 2048], file[PATH_MAX], ebuf[128];
	struct vm_guest_config g;
	struct berr err = {0};
	const char *root[] = {"root", "path", NULL}, *cg[] = {"linux", "cgroupsPath", NULL};
	yajl_val v, m, h;

	ut_path(file, "%s/hosts", dir);
	ASSERT_INT(ut_write_file(file, "127.0.0.1 x\n", 0644), 0);
	(void)snprintf(json, sizeof(json),
		       "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"/somewhere/rootfs\"}, "
		       "\"process\": {\"args\": [\"true\"], \"cwd\": \"/\"}, \"mounts\": ["
		       "{\"destination\": \"/proc\", \"type\": \"proc\", \"source\": \"proc\"},"
		       "{\"destination\": \"/data\", \"type\": \"bind\", \"source\": \"%s\", "
		       "\"options\": [\"rbind\"]},"
		       "{\"destination\": \"/etc/hosts\", \"type\": \"bind\", \"source\": \"%s\", "
		       "\"options\": [\"bind\"]},"
		       "{\"destination\": \"/dev/fuse\", \"type\": \"bind\", \"source\": "
		       "\"/dev/null\", \"options\": [\"bind\"]}],"
		       "\"hooks\": {\"prestart\": [{\"path\": \"/bin/true\"}], \"startContainer\": "
		       "[{\"path\": \"/bin/true\"}]},"
		       "\"linux\": {\"cgroupsPath\": \"machine.slice:libpod:x\", \"namespaces\": "
		       "[{\"type\": \"mount\"}, {\"type\": \"network\", \"path\": "
		       "\"/proc/1/ns/net\"}]}}",
		       dir, file);
	ASSERT_INT(make(json, &g, &err), 0);
	v = yajl_tree_parse(g.json, ebuf, sizeof(ebuf));
	ASSERT_TRUE(v != NULL);
	ASSERT_STR(get(v, root), "rootfs");
	ASSERT_STR(get(v, cg), "/berth/c1");
	ASSERT_INT((int)g.n_shares, 2);
	ASSERT_STR(g.shares[0].tag, "m0");
	ASSERT_TRUE(!g.shares[0].is_file && !strcmp(g.shares[0].host, dir));
	ASSERT_TRUE(g.shares[1].is_file && !strcmp(g.shares[1].host, file));
	m = yajl_tree_get(v, (const char *[]){"mounts", NULL}, yajl_t_array);
	ASSERT_TRUE(m && YAJL_GET_ARRAY(m)->len == 4);
	ASSERT_STR(get(YAJL_GET_ARRAY(m)->values[1], (const char *[]){"source", NULL}),
		   VM_GUEST_SHARES "/m0");
	ASSERT_STR(get(YAJL_GET_ARRAY(m)->values[2], (const char *[]){"source", NULL}),
		   VM_GUEST_SHARES "/m1/hosts");
	ASSERT_STR(get(YAJL_GET_ARRAY(m)->values[3], (const char *[]){"source", NULL}),
		   "/dev/null"); /* the guest's own device */
	h = yajl_tree_get(v, (const char *[]){"hooks", NULL}, yajl_t_object);
	ASSERT_TRUE(h && YAJL_GET_OBJECT(h)->len == 1);
	ASSERT_STR(YAJL_GET_OBJECT(h)->keys[0], "startContainer");
	ASSERT_TRUE(strstr(g.json, "/proc/1/ns/net") == NULL);
	yajl_tree_free(v);
	vm_guest_config_free(&g);
}

static void test_refused(void)
{
	const char *ipc = "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"}, "
			  "\"process\": {\"args\": [\"true\"], \"cwd\": \"/\"}, \"linux\": "
			  "{\"namespaces\": [{\"type\": \"ipc\", \"path\": \"/proc/1/ns/ipc\"}]}}";
	const char *missing = "{\"ociVersion\": \"1.2.0\", \"root\": {\"path\": \"rootfs\"}, "
			      "\"process\": {\"args\": [\"true\"], \"cwd\": \"/\"}, \"mounts\": "
			      "[{\"destination\": \"/x\", \"type\": \"bind\", \"source\": "
			      "\"/nonexistent/dir\"}]}";
	struct vm_guest_config g;
	struct berr err = {0};

	ASSERT_INT(make(ipc, &g, &err), -ENOTSUP);
	ASSERT_STR(err.msg, "linux.namespaces[0].path: joining a host ipc namespace is not "
			    "possible with vm isolation");
	err = (struct berr){0};
	ASSERT_INT(make(missing, &g, &err), -ENOENT);
	ASSERT_STR(err.msg, "mounts[0].source: /nonexistent/dir");
}

int main(void)
{
	ut_tmpdir(dir);
	RUN(test_rewrite);
	RUN(test_refused);
	ut_rmrf(dir);
	UNIT_DONE();
}
