/* Fuzzes the shell's parser (the whole grammar, a command at a time),
 * its word expansion (without globbing or command substitution), its
 * quoting and completion's reading of a line: any input parses to OK,
 * INCOMPLETE or ERROR with a message; any word expands or fails with a
 * message; any string quoted by sh_quote_word reads back, through quote
 * removal, as itself; and the word being completed and its command's
 * name lie within the line. */
#include "shell/sh.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sh sh;
	static int ready;
	if (!ready) {
		sh_init(&sh, false);
		setenv("FUZZ_V", "a b  c", 1);
		ready = 1;
	}
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = 0;

	/* every command of s, parsed one at a time as a script is */
	struct sh_parser *p = sh_parser_new(s, NULL, NULL);
	struct sh_node *n;
	struct sh_arena *a;
	enum sh_parse_result r;
	while ((r = sh_parse_next(p, &n, &a)) == SH_PARSE_OK)
		sh_arena_unref(a);
	if ((r == SH_PARSE_ERROR || r == SH_PARSE_INCOMPLETE) && !sh_parser_msg(p)[0])
		abort();
	sh_parser_free(p);

	struct sh_strv fields = {0};
	sh_expand(&sh, s, SH_EXP_NOGLOB | SH_EXP_NOSUBST,
	          &fields); /* on failure the fields so far stay the caller's */
	sh_strv_free(&fields);

	char *q = sh_quote_word(s, false);
	char *back = sh_dequote(q, strlen(q));
	if (strcmp(back, s) != 0)
		abort();
	free(back);
	free(q);

	size_t len = strlen(s);
	struct sh_cword cw;
	sh_complete_scan(s, len, &cw);
	if (cw.start > len || cw.name_start > cw.name_end || cw.name_end > len ||
	    cw.arg1_start > cw.arg1_end || cw.arg1_end > len)
		abort();
	free(s);
	return 0;
}
