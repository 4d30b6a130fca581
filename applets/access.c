/* access: may I read, write, execute this? As os.access: faccessat(2)
 * with the real ids by default, or the effective ids (AT_EACCESS). With
 * no test option, the report of the os.access example; with tests, a
 * silent answer in the exit status, as test(1). */
#include "osbox/json.h"
#include "osbox/opts.h"
#include "osbox/out.h"

#include <err.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

enum { OPT_EFFECTIVE = OPT_LONG, OPT_JSON };

static const struct opt options[] = {
    {'e', "exists", no_argument, NULL, "test that PATH exists (F_OK)"},
    {'r', "read", no_argument, NULL, "test that PATH is readable (R_OK)"},
    {'w', "write", no_argument, NULL, "test that PATH is writable (W_OK)"},
    {'x', "execute", no_argument, NULL, "test that PATH is executable, or searchable (X_OK)"},
    {OPT_EFFECTIVE, "effective", no_argument, NULL,
     "test with the effective user and group ids (AT_EACCESS)"},
    {'h', "no-dereference", no_argument, NULL, "test a symbolic link itself, not its target"},
    {OPT_JSON, "json", no_argument, NULL, "one JSON object per PATH"},
    {0},
};

const struct optspec access_spec = {
    .usage = "[-e] [-r] [-w] [-x] [--effective] [-h] [--json] PATH...",
    .about = "With no test option, prints for each PATH whether it exists and is\n"
             "readable, writable and executable, as the os.access example does. With\n"
             "-e, -r, -w or -x, prints nothing: exits 0 when every PATH allows every\n"
             "access asked for, 1 when one does not.",
    .opts = options,
    .min_operands = 1,
};

/* The tests, in the order of the report. */
static const struct {
	int mode;
	const char *label, *key;
} tests[] = {
    {F_OK, "Exists", "exists"},
    {R_OK, "Readable", "readable"},
    {W_OK, "Writable", "writable"},
    {X_OK, "Executable", "executable"},
};
#define NTESTS (sizeof tests / sizeof tests[0])

struct access_opts {
	bool want[NTESTS]; /* the tests asked for; none: the report */
	bool any;
	int flags; /* AT_EACCESS, AT_SYMLINK_NOFOLLOW */
	bool json;
};

/* What access(2) says; like os.access, any failure is a "no". */
static bool allowed(const struct access_opts *ao, const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, ao->flags) == 0;
}

/* Returns whether every test on path asked for (or reported) passed. */
static bool check(const struct access_opts *ao, const char *path)
{
	bool all = true;
	struct json j;
	if (ao->json) {
		json_init(&j);
		json_begin_object(&j);
		json_kcstr(&j, "path", path);
	} else if (!ao->any) {
		out_puts("Testing: ");
		out_name(path, strlen(path));
		out_putc('\n');
	}
	for (size_t i = 0; i < NTESTS; i++) {
		if (ao->any && !ao->want[i])
			continue;
		bool ok = allowed(ao, path, tests[i].mode);
		all &= ok;
		if (ao->json)
			json_kbool(&j, tests[i].key, ok);
		else if (!ao->any)
			out_printf("%s: %s\n", tests[i].label, ok ? "True" : "False");
	}
	if (ao->json) {
		json_end_object(&j);
		json_end_record(&j);
	}
	return all;
}

int access_main(int argc, char **argv)
{
	struct access_opts ao = {0};
	struct opts o;
	int c;
	opts_begin(&o, &access_spec, argc, argv);
	while ((c = opts_next(&o)) != -1) {
		switch (c) {
		case 'e':
			ao.want[0] = ao.any = true;
			break;
		case 'r':
			ao.want[1] = ao.any = true;
			break;
		case 'w':
			ao.want[2] = ao.any = true;
			break;
		case 'x':
			ao.want[3] = ao.any = true;
			break;
		case OPT_EFFECTIVE:
			ao.flags |= AT_EACCESS;
			break;
		case 'h':
			ao.flags |= AT_SYMLINK_NOFOLLOW;
			break;
		case OPT_JSON:
			ao.json = true;
			break;
		}
	}
	bool all = true;
	for (int i = o.ind; i < argc; i++)
		all &= check(&ao, argv[i]);
	/* The report is the answer whatever it says; tests answer in the
	 * status. */
	return ao.any && !all ? 1 : 0;
}
