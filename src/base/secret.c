/* secret: thin, careful wrappers over libsodium. */
#include "secret.h"

#include <assert.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <string.h>

#include <sodium.h>

/* What secret_password_dummy verifies against: made once, when first
 * needed (a tenth of a second and 64 MiB, which only a server taking
 * logins needs to spend; every other command starts without it). */
static char secret_dummy_hash[SECRET_HASH_MAX];
static pthread_once_t secret_dummy_once = PTHREAD_ONCE_INIT;
static int secret_dummy_rc = -1;

/* Argon2id takes 64 MiB and most of a core for a tenth of a second: at
 * most this many run at once, so that a burst of logins queues instead of
 * taking every server thread (and the memory) from the other requests. */
#define SECRET_HASHERS 2
static sem_t secret_hashers;

static void secret_enter(void)
{
	while (sem_wait(&secret_hashers) != 0)
		; /* EINTR: try again */
}

static void secret_leave(void)
{
	sem_post(&secret_hashers);
}

int secret_init(void)
{
	static bool ready;
	if (sodium_init() < 0)
		return -1;
	if (!ready && sem_init(&secret_hashers, 0, SECRET_HASHERS) != 0)
		return -1;
	ready = true;
	return 0;
}

static void secret_dummy_make(void)
{
	secret_dummy_rc = secret_password_hash("kaohe-dummy-password",
					       secret_dummy_hash);
}

int secret_password_dummy_prepare(void)
{
	pthread_once(&secret_dummy_once, secret_dummy_make);
	return secret_dummy_rc;
}

int secret_password_hash(const char *password, char out[SECRET_HASH_MAX])
{
	static_assert(SECRET_HASH_MAX >= crypto_pwhash_STRBYTES,
		      "hash buffer too small");
	secret_enter();
	int rc = crypto_pwhash_str_alg(out, password, strlen(password),
				       crypto_pwhash_OPSLIMIT_INTERACTIVE,
				       crypto_pwhash_MEMLIMIT_INTERACTIVE,
				       crypto_pwhash_ALG_ARGON2ID13);
	secret_leave();
	return rc == 0 ? 0 : -1;
}

bool secret_password_verify(const char *hash, const char *password)
{
	secret_enter();
	int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	secret_leave();
	return rc == 0;
}

void secret_password_dummy(const char *password)
{
	/* The answer is meaningless; only the time spent counts (without
	 * the hash, which only lack of memory prevents, no time is spent). */
	if (secret_password_dummy_prepare() == 0)
		(void)secret_password_verify(secret_dummy_hash, password);
}

void secret_token(char out[SECRET_TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, SECRET_TOKEN_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void secret_password_random(char *out, size_t len)
{
	/* No 0/O, 1/l/I: the password is read off a screen and typed. */
	static const char *const classes[] = {
		"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz",
		"23456789", "-_.+=@%",
	};
	assert(len >= 13);
	size_t n = len - 1;
	for (size_t i = 0; i < n; i++) {
		/* The first four positions take one of each class. */
		const char *set = classes[i < 4 ? i : randombytes_uniform(3)];
		out[i] = set[randombytes_uniform((uint32_t)strlen(set))];
	}
	/* Shuffle so the classes are not always in the same places. */
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = randombytes_uniform((uint32_t)(i + 1));
		char t = out[i];
		out[i] = out[j];
		out[j] = t;
	}
	out[n] = '\0';
}

void secret_sha256_hex(const void *data, size_t len,
		       char out[SECRET_SHA256_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, SECRET_SHA256_HEX, h, sizeof h);
}

bool secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}

void secret_code(char *out, size_t len)
{
	static const char set[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
	assert(len >= 1);
	for (size_t i = 0; i + 1 < len; i++)
		out[i] = set[randombytes_uniform(sizeof set - 1)];
	out[len - 1] = '\0';
}
