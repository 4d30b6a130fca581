/* Fuzzes env -S splitting: any string either fails with a known error
 * whose message can be built, or splits into argc NUL-terminated words
 * followed by NULL. */
#include "env/envsplit.h"
#include "osbox/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	if (!once) {
		setenv("FUZZ_A", "a b\tc", 1);
		setenv("FUZZ_EMPTY", "", 1);
		once = 1;
	}
	/* envsplit reads a string: what follows a NUL is never seen */
	char *s = xstrndup((const char *)data, size);
	struct envsplit r;
	if (envsplit(s, &r, NULL, NULL) == 0) {
		if (r.argc < 0 || r.argv[r.argc] != NULL)
			abort();
		for (int i = 0; i < r.argc; i++)
			if (!r.argv[i] || strlen(r.argv[i]) > size + 64 * 1024)
				abort();
		envsplit_free(&r);
	} else {
		char msg[256];
		if (r.error == ENVSPLIT_OK || !envsplit_strerror(&r, msg, sizeof msg))
			abort();
	}
	free(s);
	return 0;
}
