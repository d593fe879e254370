# Installs what xiaoa-crypto needs beyond Swift, gcc, python3 and node, only when it is missing.
# Sourced by scripts/xiaoa-crypto and scripts/test; every function is idempotent and quiet when all is there.

_apt_updated=0
_apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "error: $* missing and apt-get is not available; install it by hand" >&2
        return 1
    fi
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if [ "$_apt_updated" -eq 0 ]; then
        echo "installing $* (apt-get update first) ..." >&2
        $sudo apt-get update -qq >&2
        _apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

# libcrypto headers and pkg-config, for the COpenSSL system-library target.
ensure_build_deps() {
    local missing=()
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    if ! pkg-config --exists libcrypto 2>/dev/null || [ ! -f /usr/include/openssl/evp.h ]; then
        missing+=(libssl-dev)
    fi
    [ ${#missing[@]} -eq 0 ] || _apt_install "${missing[@]}"
}

# PHP, the vendor's language: the independent implementation our vectors come from.
ensure_php() {
    command -v php >/dev/null 2>&1 && php -r 'exit(function_exists("openssl_encrypt") ? 0 : 1);' && return 0
    _apt_install php-cli
}
