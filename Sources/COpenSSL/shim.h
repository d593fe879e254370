// The libcrypto headers xiaoa-crypto uses: the EVP API of OpenSSL 3 only. No logic lives here.
#ifndef XIAOA_COPENSSL_SHIM_H
#define XIAOA_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/params.h>

#endif
