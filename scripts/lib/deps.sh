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

# mitmproxy 11 in a venv of its own under ~/.cache (its dependencies, an older cryptography among them, stay away
# from the system's Python packages), with haralyzer beside it to read HAR files. Sets MITMPROXY_VENV. mitmproxy
# is pinned to a major version (its HAR export is what the tests read); a failed install is said on stderr and
# left for the test to fail on.
MITMPROXY_SPEC='mitmproxy>=11,<12'
HARALYZER_SPEC='haralyzer==2.4.0'
ensure_mitmproxy() {
    MITMPROXY_VENV="${XDG_CACHE_HOME:-$HOME/.cache}/xiaoa-crypto/mitmproxy-11"
    if ! python3 -c 'import cryptography' 2>/dev/null; then
        echo "installing the Python package cryptography ..." >&2
        python3 -m pip install -q cryptography >&2
    fi
    if [ ! -x "$MITMPROXY_VENV/bin/mitmdump" ]; then
        echo "installing $MITMPROXY_SPEC into $MITMPROXY_VENV ..." >&2
        python3 -m venv "$MITMPROXY_VENV" >&2 && "$MITMPROXY_VENV/bin/pip" install -q "$MITMPROXY_SPEC" >&2 \
            || echo "error: could not install $MITMPROXY_SPEC; the mitmproxy part fails" >&2
    fi
    if [ -x "$MITMPROXY_VENV/bin/python" ] && ! "$MITMPROXY_VENV/bin/python" -c 'import haralyzer' 2>/dev/null; then
        echo "installing $HARALYZER_SPEC into $MITMPROXY_VENV ..." >&2
        "$MITMPROXY_VENV/bin/pip" install -q "$HARALYZER_SPEC" >&2 \
            || echo "error: could not install $HARALYZER_SPEC; the haralyzer part fails" >&2
    fi
}
