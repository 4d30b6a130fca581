/* The shell's variables (see sh.h): a hash table of names, each with its
 * value and its export and readonly flags (POSIX XCU 2.5.3, export,
 * readonly). The environment handed to exec is built from the exported
 * ones, and only again after one of them changed. */
#include "sh.h"
#include "osbox/xalloc.h"

#include <stdlib.h>
#include <string.h>

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void grow(struct sh *sh)
{
	size_t ncap = sh->vcap ? sh->vcap * 2 : 256;
	struct sh_var **nt = xcalloc(ncap, sizeof *nt);
	for (size_t i = 0; i < sh->vcap; i++) {
		for (struct sh_var *v = sh->vtab[i], *next; v; v = next) {
			next = v->next;
			v->next = nt[v->hash & (ncap - 1)];
			nt[v->hash & (ncap - 1)] = v;
		}
	}
	free(sh->vtab);
	sh->vtab = nt;
	sh->vcap = ncap;
}

struct sh_var *sh_lookup(struct sh *sh, const char *name)
{
	if (!sh->vcap)
		return NULL;
	unsigned h = hash(name);
	for (struct sh_var *v = sh->vtab[h & (sh->vcap - 1)]; v; v = v->next)
		if (v->hash == h && strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

static struct sh_var *create(struct sh *sh, const char *name)
{
	struct sh_var *v = sh_lookup(sh, name);
	if (v)
		return v;
	if (sh->vcount * 2 >= sh->vcap)
		grow(sh);
	v = xcalloc(1, sizeof *v);
	v->name = xstrdup(name);
	v->hash = hash(name);
	v->next = sh->vtab[v->hash & (sh->vcap - 1)];
	sh->vtab[v->hash & (sh->vcap - 1)] = v;
	sh->vcount++;
	return v;
}

const char *sh_getvar(struct sh *sh, const char *name)
{
	struct sh_var *v = sh_lookup(sh, name);
	return v ? v->value : NULL;
}

int sh_setvar_flags(struct sh *sh, const char *name, const char *value, unsigned flags)
{
	struct sh_var *v = sh_lookup(sh, name);
	if (v && (v->flags & SH_V_READONLY)) {
		sh_error(sh, "%s: is read only", name);
		return -1;
	}
	if (!v)
		v = create(sh, name);
	char *old = v->value;
	v->value = value ? xstrdup(value) : NULL;
	free(old);
	if (sh->opts[SH_O_ALLEXPORT])
		flags |= SH_V_EXPORT;
	v->flags |= flags;
	if (v->flags & SH_V_EXPORT)
		sh->env_dirty = true;
	return 0;
}

int sh_setvar(struct sh *sh, const char *name, const char *value)
{
	return sh_setvar_flags(sh, name, value, 0);
}

void sh_export(struct sh *sh, const char *name, const char *value)
{
	struct sh_var *v = create(sh, name);
	if (value && !(v->flags & SH_V_READONLY)) {
		free(v->value);
		v->value = xstrdup(value);
	}
	v->flags |= SH_V_EXPORT;
	sh->env_dirty = true;
}

int sh_unsetvar(struct sh *sh, const char *name)
{
	struct sh_var *v = sh_lookup(sh, name);
	if (!v)
		return 0;
	if (v->flags & SH_V_READONLY) {
		sh_error(sh, "%s: is read only", name);
		return -1;
	}
	if (v->flags & SH_V_EXPORT)
		sh->env_dirty = true;
	free(v->value);
	v->value = NULL;
	v->flags = 0;
	return 0;
}

void sh_vars_import(struct sh *sh, char **envp)
{
	for (char **e = envp; e && *e; e++) {
		char *eq = strchr(*e, '=');
		if (!eq || !sh_is_name(*e, (size_t)(eq - *e)))
			continue;
		char *name = xstrndup(*e, (size_t)(eq - *e));
		struct sh_var *v = create(sh, name);
		free(v->value);
		v->value = xstrdup(eq + 1);
		v->flags |= SH_V_EXPORT;
		free(name);
	}
	sh->env_dirty = true;
}

static void free_env(struct sh *sh)
{
	if (!sh->env)
		return;
	for (char **e = sh->env; *e; e++)
		free(*e);
	free(sh->env);
	sh->env = NULL;
}

char **sh_environ(struct sh *sh)
{
	if (!sh->env_dirty && sh->env)
		return sh->env;
	free_env(sh);
	size_t n = 0;
	for (size_t i = 0; i < sh->vcap; i++)
		for (struct sh_var *v = sh->vtab[i]; v; v = v->next)
			n += (v->flags & SH_V_EXPORT) && v->value;
	char **env = xreallocarray(NULL, n + 1, sizeof *env);
	size_t k = 0;
	for (size_t i = 0; i < sh->vcap; i++)
		for (struct sh_var *v = sh->vtab[i]; v; v = v->next)
			if ((v->flags & SH_V_EXPORT) && v->value)
				env[k++] = xasprintf("%s=%s", v->name, v->value);
	env[k] = NULL;
	qsort(env, k, sizeof *env, sh_cmp_str);
	sh->env = env;
	sh->env_dirty = false;
	return env;
}

static int cmp_var(const void *a, const void *b)
{
	return strcmp((*(struct sh_var *const *)a)->name, (*(struct sh_var *const *)b)->name);
}

struct sh_var **sh_vars_sorted(struct sh *sh)
{
	struct sh_var **v = xreallocarray(NULL, sh->vcount + 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < sh->vcap; i++)
		for (struct sh_var *x = sh->vtab[i]; x; x = x->next)
			v[k++] = x;
	qsort(v, k, sizeof *v, cmp_var);
	v[k] = NULL;
	return v;
}

void sh_vars_free(struct sh *sh)
{
	for (size_t i = 0; i < sh->vcap; i++) {
		for (struct sh_var *v = sh->vtab[i], *next; v; v = next) {
			next = v->next;
			free(v->name);
			free(v->value);
			free(v);
		}
	}
	free(sh->vtab);
	sh->vtab = NULL;
	sh->vcap = sh->vcount = 0;
	free_env(sh);
	sh_locals_restore(sh, NULL);
}

void sh_local(struct sh *sh, const char *name)
{
	for (struct sh_local *l = sh->locals; l && l->name; l = l->next)
		if (strcmp(l->name, name) == 0)
			return; /* already local in this function */
	struct sh_var *v = sh_lookup(sh, name);
	struct sh_local *l = xcalloc(1, sizeof *l);
	l->name = xstrdup(name);
	l->existed = v != NULL;
	if (v) {
		l->value = v->value ? xstrdup(v->value) : NULL;
		l->flags = v->flags;
	}
	l->next = sh->locals;
	sh->locals = l;
}

/* Puts back the variables saved by local, down to upto (a function's
 * frame marker, which is freed too, or NULL: all). */
void sh_locals_restore(struct sh *sh, struct sh_local *upto)
{
	while (sh->locals) {
		struct sh_local *l = sh->locals;
		sh->locals = l->next;
		if (l->name) {
			struct sh_var *v = sh_lookup(sh, l->name);
			if (v) {
				if (v->flags & SH_V_EXPORT || l->flags & SH_V_EXPORT)
					sh->env_dirty = true;
				free(v->value);
				v->value = l->value;
				v->flags = l->existed ? l->flags : 0;
				l->value = NULL;
			}
			free(l->name);
		}
		free(l->value);
		free(l);
		if (l == upto)
			break;
	}
}
