/* Fuzzes arithmetic expansion (applets/shell/arith.c): any text either
 * evaluates or fails with one message, never crashes, overflows the stack
 * or leaks, with variables that hold numbers, non-numbers and expressions. */
#include "shell/bi.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int warnings;

void sh_bi_warn(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warnings++;
}

static char stored[32];

static const char *get(void *ctx, const char *name)
{
	switch (name[0]) {
	case 'a':
		return "0x1f";
	case 'b':
		return "1+2";
	case 'c':
		return " -7 ";
	case 's':
		return stored;
	default:
		return NULL;
	}
}

static int set(void *ctx, const char *name, const char *value)
{
	if (strlen(value) >= sizeof stored)
		abort();
	strcpy(stored, value);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;
	const struct sh_arith_vars vars = {get, set, NULL};
	intmax_t v;
	strcpy(stored, "3");
	warnings = 0;
	int rc = sh_arith(s, &vars, &v);
	/* an error says so exactly once; a result says nothing */
	if ((rc == 0) != (warnings == 0) || (rc != 0 && warnings != 1))
		abort();
	free(s);
	return 0;
}
