/* The practical limit for scripts/bench: sign, encrypt and decrypt batch modes in C on libcrypto's EVP API,
 * with the same line formats as `xiaoa-crypto … --batch`. Contexts and fetched algorithms are reused, I/O is
 * stdio with large buffers. Build: cc -O2 -o xiaoa_ref xiaoa_ref.c -lcrypto
 * Usage: xiaoa_ref sign|encrypt|decrypt < lines        (also: xiaoa_ref once, one sign for start-up timing) */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char KEY[16] = {'x', 'i', 'a', 'o', 'a'};
static const unsigned char IV[16] = {'1','2','3','4','5','6','7','8','9','0','1','2','3','4','5','6'};
static const char HEX[] = "0123456789abcdef";

static void hex(const unsigned char *in, int n, char *out) {
    for (int i = 0; i < n; i++) { out[2 * i] = HEX[in[i] >> 4]; out[2 * i + 1] = HEX[in[i] & 15]; }
}

static void md5hex(EVP_MD_CTX *ctx, const EVP_MD *md, const void *data, size_t len, char out[32]) {
    unsigned char d[16]; unsigned int dl;
    EVP_DigestInit_ex(ctx, md, NULL); EVP_DigestUpdate(ctx, data, len); EVP_DigestFinal_ex(ctx, d, &dl);
    hex(d, 16, out);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: xiaoa_ref sign|encrypt|decrypt|once\n"); return 64; }
    static char inbuf[1 << 16], outbuf[1 << 16];
    setvbuf(stdin, inbuf, _IOFBF, sizeof inbuf); setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    EVP_MD *md = EVP_MD_fetch(NULL, "MD5", NULL);
    EVP_CIPHER *aes = EVP_CIPHER_fetch(NULL, "AES-128-CBC", NULL);
    EVP_MD_CTX *mctx = EVP_MD_CTX_new();
    EVP_CIPHER_CTX *cctx = EVP_CIPHER_CTX_new();
    char *line = NULL; size_t cap = 0; ssize_t n;
    char h1[32], h2[32];
    if (strcmp(argv[1], "once") == 0) {
        md5hex(mctx, md, "1700000000abc", 13, h1); md5hex(mctx, md, h1, 32, h2);
        fwrite(h2 + 8, 1, 10, stdout); fputc('\n', stdout); return 0;
    }
    int mode = strcmp(argv[1], "sign") == 0 ? 0 : strcmp(argv[1], "encrypt") == 0 ? 1 : 2;
    unsigned char *buf = malloc(1 << 20), *ct = malloc(1 << 20); char *b64 = malloc(1 << 21);
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = 0;
        if (n > 0 && line[n - 1] == '\r') line[--n] = 0;
        if (mode == 0) {
            char *tab = memchr(line, '\t', n);
            if (!tab) { fputc('\n', stdout); continue; }
            memmove(tab, tab + 1, n - (tab - line) - 1);
            md5hex(mctx, md, line, n - 1, h1); md5hex(mctx, md, h1, 32, h2);
            fwrite(h2 + 8, 1, 10, stdout); fputc('\n', stdout);
        } else if (mode == 1) {
            int l1, l2;
            EVP_EncryptInit_ex2(cctx, aes, KEY, IV, NULL);
            EVP_EncryptUpdate(cctx, ct, &l1, (unsigned char *)line, (int)n); EVP_EncryptFinal_ex(cctx, ct + l1, &l2);
            int bl = EVP_EncodeBlock((unsigned char *)b64, ct, l1 + l2);
            fwrite(b64, 1, bl, stdout); fputc('\n', stdout);
        } else {
            int dl = EVP_DecodeBlock(buf, (unsigned char *)line, (int)n), l1, l2;
            if (dl < 0) { fputc('\n', stdout); continue; }
            if (n >= 1 && line[n - 1] == '=') dl--;
            if (n >= 2 && line[n - 2] == '=') dl--;
            EVP_DecryptInit_ex2(cctx, aes, KEY, IV, NULL);
            if (!EVP_DecryptUpdate(cctx, ct, &l1, buf, dl) || !EVP_DecryptFinal_ex(cctx, ct + l1, &l2)) { fputc('\n', stdout); continue; }
            fwrite(ct, 1, l1 + l2, stdout); fputc('\n', stdout);
        }
    }
    fflush(stdout);
    return 0;
}
