/* Fuzzes the shell's parser, its word expansion (without globbing), its
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

	struct sh_list l;
	char msg[256] = "";
	enum sh_parse_result r = sh_parse(s, &l, msg, sizeof msg);
	if (r == SH_PARSE_OK)
		sh_list_free(&l);
	else if (r == SH_PARSE_ERROR && msg[0] == 0)
		abort();

	struct sh_strv fields = {0};
	sh_expand(&sh, s, SH_EXP_NOGLOB,
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
