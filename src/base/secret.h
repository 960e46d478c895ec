/* secret: passwords, tokens and hashes, on libsodium.
 * Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str, which
 * stores the parameters and salt in the string). Tokens are 32 random
 * bytes in base64url; only their SHA-256 is ever stored. Call
 * secret_init() once before any other function; the rest are
 * thread-safe. At most two password hashes run at once (each takes
 * 64 MiB); more wait their turn. */
#ifndef KAOHE_SECRET_H
#define KAOHE_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define SECRET_HASH_MAX 128      /* an Argon2id string, with its NUL */
#define SECRET_TOKEN_LEN 43      /* base64url of 32 bytes, no padding */
#define SECRET_SHA256_HEX 65     /* 64 hex digits and a NUL */

int secret_init(void);
/* Argon2id hash of a password, into out (SECRET_HASH_MAX bytes).
 * Returns 0, or -1 when out of memory. */
int secret_password_hash(const char *password, char out[SECRET_HASH_MAX]);
/* True when password matches the stored hash. */
bool secret_password_verify(const char *hash, const char *password);
/* Spends the time a verification would, for unknown accounts, so that a
 * caller cannot tell them from wrong passwords by timing. */
void secret_password_dummy(const char *password);
/* Makes the hash secret_password_dummy verifies against, if not yet made
 * (else the first call makes it, and takes twice as long): for a server,
 * before it takes logins. Returns 0, or -1 when out of memory. */
int secret_password_dummy_prepare(void);
/* A new random token, NUL-terminated. */
void secret_token(char out[SECRET_TOKEN_LEN + 1]);
/* A random password that meets the password policy (len >= 12). */
void secret_password_random(char *out, size_t len);
/* A random code of len - 1 characters and a NUL from 31 letters and
 * digits that cannot be mistaken for each other (no 0/O, 1/I/L): ballot
 * tokens printed on paper and typed from it. 16 characters hold 79 bits. */
void secret_code(char *out, size_t len);
/* SHA-256 of data as lowercase hex. */
void secret_sha256_hex(const void *data, size_t len,
		       char out[SECRET_SHA256_HEX]);
/* Constant-time comparison of two strings. */
bool secret_equal(const char *a, const char *b);

#endif
