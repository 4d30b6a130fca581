/* Until ulimit.c (bi.h) lands: ulimit reports the file size limit only. */
#include "bi.h"
#include "osbox/buf.h"

#include <sys/resource.h>

int sh_bi_ulimit(int argc, char **argv, struct buf *out)
{
	(void)argc, (void)argv;
	struct rlimit r;
	getrlimit(RLIMIT_FSIZE, &r);
	if (r.rlim_cur == RLIM_INFINITY)
		buf_puts(out, "unlimited\n");
	else
		buf_printf(out, "%llu\n", (unsigned long long)r.rlim_cur / 512);
	return 0;
}
