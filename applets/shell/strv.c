/* The shell's base layer (see sh.h): the string vector that words,
 * fields, parameters and history lines are kept in. Memory comes from
 * xalloc.h, which ends the shell when it runs out. */
#include "sh.h"
#include "osbox/xalloc.h"

#include <stdlib.h>
#include <string.h>

int sh_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void sh_strv_push(struct sh_strv *sv, char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? 2 * sv->cap : 8;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void sh_strv_free(struct sh_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof *sv);
}
