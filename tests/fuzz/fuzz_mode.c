/* Fuzzes the chmod mode parser: any string either fails to compile or
 * compiles to a spec whose results stay within the mode bits, for files
 * and directories, under any umask. */
#include "osbox/mode.h"
#include "osbox/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* mode_compile reads a string: what follows a NUL is never seen */
	char *s = xstrndup((const char *)data, size);
	struct mode_spec spec;
	if (mode_compile(s, &spec)) {
		static const mode_t olds[] = {0, 0644, 0755, 07777, 04711, 01777, 02750};
		static const mode_t masks[] = {0, 022, 077, 0777};
		for (size_t i = 0; i < sizeof olds / sizeof olds[0]; i++)
			for (size_t k = 0; k < sizeof masks / sizeof masks[0]; k++)
				for (int dir = 0; dir < 2; dir++) {
					mode_t changed = 0;
					mode_t m =
					    mode_apply(&spec, olds[i] | (dir ? S_IFDIR : S_IFREG),
					               dir, masks[k], &changed);
					if (m & ~(mode_t)MODE_BITS)
						abort();
				}
		mode_free(&spec);
	}
	char buf[10];
	mode_string((mode_t)(size ? data[0] * 31u : 0) & 07777, buf);
	free(s);
	return 0;
}
