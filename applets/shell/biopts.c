/* sh_bi_options (bi.h): the option letters of an operand-only builtin,
 * read as dash reads them. */
#include "bi.h"

#include <string.h>

int sh_bi_options(int argc, char **argv, bool (*take)(int c, void *ctx), void *ctx)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		for (const char *o = argv[i] + 1; *o; o++)
			if (!take((unsigned char)*o, ctx)) {
				sh_bi_warn("%s: Illegal option -%c", argv[0], *o);
				return -1;
			}
	}
	return i;
}
