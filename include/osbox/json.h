/* Streaming NDJSON writer: one record per line, no tree in memory.
 * Strings are bytes: valid UTF-8 is written as is, every byte that is not
 * part of valid UTF-8 is written as \udcXX (Python's surrogateescape), so
 * os.fsencode(json.loads(line)[k]) gives back the exact bytes. */
#ifndef OSBOX_JSON_H
#define OSBOX_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct json {
	int depth;
	uint64_t nonempty; /* bit d: the container at depth d has a member */
	bool after_key;
};

void json_init(struct json *j);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
void json_str(struct json *j, const char *s, size_t n);
void json_cstr(struct json *j, const char *s); /* NULL writes null */
void json_int(struct json *j, long long v);
void json_uint(struct json *j, unsigned long long v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* Seconds with a fraction, exact to the nanosecond: 1700000000.123456789 */
void json_time(struct json *j, long long sec, long nsec);
/* The same time as one integer of nanoseconds (os.stat_result's st_*_ns),
 * exact whatever a reader's doubles keep: 1700000000123456789. */
void json_time_ns(struct json *j, long long sec, long nsec);
/* Ends the top-level value with a newline (one record). */
void json_end_record(struct json *j);

/* Convenience for "key": value members. */
void json_kstr(struct json *j, const char *key, const char *s, size_t n);
void json_kcstr(struct json *j, const char *key, const char *s);
void json_kint(struct json *j, const char *key, long long v);
void json_kuint(struct json *j, const char *key, unsigned long long v);
void json_kbool(struct json *j, const char *key, bool v);
void json_ktime(struct json *j, const char *key, long long sec, long nsec);
/* A time's pair of members: "KEY": seconds (json_time) and "KEY_ns":
 * nanoseconds (json_time_ns); with ts NULL (unknown), both null.
 * KEY is at most 59 bytes. */
void json_ktimes(struct json *j, const char *key, const struct timespec *ts);

/* Encodes s as a JSON string literal (with quotes) into a malloc'd buffer;
 * for tests and for callers that need the text. */
char *json_encode_string(const char *s, size_t n, size_t *outlen);

#endif
