#!/bin/sh
# The Xiao A API's sign and password cipher in POSIX shell with the openssl command-line tool, and a checker
# for vector files (its JSON reader is a small awk program: no jq, no python).
#
#   sh xiaoa.sh sign TIMESTAMP DOMAIN_KEY       -> the 10-character sign
#   sh xiaoa.sh encrypt TEXT                    -> base64 ciphertext (vendor key and IV)
#   sh xiaoa.sh decrypt BASE64                  -> plaintext
#   sh xiaoa.sh check [--sample N] FILE...      -> "shell: N passed, M failed" over sign/password vector files;
#                                                  --sample N checks about N evenly spread tests of a larger file
#                                                  (every step here is a process, so 10,000 cases take minutes)
set -eu
# Trap: a bracket expression such as [A-Za-z] follows the locale's collation; only in C is it plain ASCII.
LC_ALL=C
export LC_ALL

KEY_HEX=7869616f610000000000000000000000 # the key text 'xiaoa' zero-padded to 16 bytes: all 32 hex digits
IV_HEX=31323334353637383930313233343536  # the IV text '1234567890123456'

# md5 of stdin as 32 lowercase hex digits ("openssl dgst -r" prints "<hex> *stdin", lowercase like PHP's md5()).
md5_hex() {
    out=$(openssl dgst -md5 -r)
    printf '%s' "${out%% *}"
}

# substr(md5(md5(stdin)), 8, 10).
sign_of_stdin() {
    first=$(md5_hex)
    second=$(printf '%s' "$first" | md5_hex)
    # Trap: PHP's substr($s, 8, 10) is (start from 0, length); cut counts from 1, so it would be cut -c9-18.
    # Here: drop 8 characters, keep the next 10.
    rest=${second#????????}
    printf '%s' "${rest%"${rest#??????????}"}"
}

xiaoa_sign() { # TIMESTAMP DOMAIN_KEY
    # Trap: printf '%s%s', never echo: echo appends a newline (some also expand backslashes) that would be hashed.
    # And $(...) strips trailing newlines, so never pass a value through a command substitution on its way in.
    printf '%s%s' "$1" "$2" | sign_of_stdin
}

# Plaintext on stdin -> base64 on stdout. Arguments: KEY_HEX IV_HEX.
xiaoa_encrypt() {
    # Trap: -K and -iv take hex, and -K silently pads a short hex key with zeros (only a warning on stderr):
    # pass all 32 digits. -k/-pass would derive a key from a password instead (EVP_BytesToKey, "Salted__").
    # -A keeps the base64 on one line; without it openssl breaks lines every 64 characters.
    openssl enc -aes-128-cbc -K "$1" -iv "$2" -a -A
}

# Status 0 when $1 is canonical standard base64 of a whole, non-zero number of 16-byte blocks.
is_strict_ciphertext() {
    # Trap: openssl's own base64 decoding (enc -d -a, openssl base64 -d) is lenient; check the text first.
    b=$1
    case $b in '' | *[!A-Za-z0-9+/=]*) return 1 ;; esac
    [ $((${#b} % 4)) -eq 0 ] || return 1
    body=${b%=}
    body=${body%=}
    case $body in *=*) return 1 ;; esac
    pad=$((${#b} - ${#body}))
    last=${body#"${body%?}"}
    # The unused low bits of the last character before '=' must be zero.
    case $pad$last in 0? | 1[AEIMQUYcgkosw048] | 2[AQgw]) ;; *) return 1 ;; esac
    n=$((${#b} / 4 * 3 - pad))
    [ "$n" -gt 0 ] && [ $((n % 16)) -eq 0 ]
}

# BASE64 KEY_HEX IV_HEX OUTFILE: writes the plaintext to OUTFILE; status 1 when refused.
xiaoa_decrypt() {
    is_strict_ciphertext "$1" || return 1
    # openssl has written all but the last block when it finds bad padding: use OUTFILE only on success.
    printf '%s' "$1" | openssl enc -d -aes-128-cbc -K "$2" -iv "$3" -a -A -out "$4" 2>/dev/null
}

# --- checking vector files (schema: Vectors/README.md) ---

# Reads a vector file; prints "SCHEMA TOTAL STRIDE", then for every STRIDE-th test its fields one per line:
#   sign:     tcId, result, timestamp.domainKey as printf octal escapes, md5First, md5Second, sign
#   password: tcId, result, keyText (hex or null), key, iv, msg as octal escapes, msg hex, base64
# JSON escapes of printable ASCII are resolved; others (\n, \t, non-ASCII \u) stay as written: a string that
# holds them is neither a sign nor base64, so it is refused either way.
JSON_AWK='
function hexval(c) { return index("0123456789abcdef", c) - 1 }
function oct(h,   i, out) {
    out = ""
    for (i = 1; i < length(h); i += 2)
        out = out sprintf("\\%03o", hexval(substr(h, i, 1)) * 16 + hexval(substr(h, i + 1, 1)))
    return out
}
function unescape(s,   out, i, c, code) {
    out = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c != "\\") { out = out c; continue }
        c = substr(s, i + 1, 1)
        if (c == "\"" || c == "\\" || c == "/") { out = out c; i++; continue }
        if (c == "u" && substr(s, i + 2, 2) == "00") {
            code = hexval(tolower(substr(s, i + 4, 1))) * 16 + hexval(tolower(substr(s, i + 5, 1)))
            if (code >= 32 && code < 127) { out = out sprintf("%c", code); i += 5; continue }
        }
        out = out "\\" c; i++
    }
    return out
}
function in_tests() { return depth == 5 && name[2] == "testGroups" && name[4] == "tests" }
function scalar(v, is_string) {
    if (type[depth] != "{") return
    if (is_string && expect_key) { key[depth] = v; expect_key = 0; return }
    if (depth == 1 && key[1] == "schema") schema = v
    if (depth == 1 && key[1] == "numberOfTests") total = v + 0
    if (depth == 3 && name[2] == "testGroups") group[key[3]] = v
    if (in_tests()) test[key[5]] = v
}
function open(c,   parent) {
    parent = type[depth] == "{" ? key[depth] : "[]"
    depth++; type[depth] = c; name[depth] = parent; expect_key = (c == "{")
    if (depth == 2 && parent == "testGroups") {
        if (schema != "xiaoa_sign_v1" && schema != "xiaoa_password_v1") { print "error: unknown schema " schema > "/dev/stderr"; exit 2 }
        stride = (sample > 0 && total > sample) ? int((total + sample - 1) / sample) : 1
        print schema, total, stride
    }
    if (in_tests()) split("", test)
}
function close_() {
    if (in_tests() && count++ % stride == 0) {
        print test["tcId"]; print test["result"]
        if (schema == "xiaoa_sign_v1") {
            print oct(test["timestamp"]) oct(test["domainKey"]); print test["md5First"]; print test["md5Second"]
            print unescape(test["sign"])
        } else {
            print group["keyText"]; print group["key"]; print group["iv"]; print oct(test["msg"]); print test["msg"]
            print unescape(test["base64"])
        }
    }
    depth--; expect_key = 0
}
{
    line = $0
    while (line != "") {
        c = substr(line, 1, 1)
        if (c == "\"") {
            if (!match(line, /^"([^"\\]|\\.)*"/)) { print "error: bad string on line " NR > "/dev/stderr"; exit 2 }
            scalar(substr(line, 2, RLENGTH - 2), 1); line = substr(line, RLENGTH + 1)
        } else if (c == "{" || c == "[") { open(c); line = substr(line, 2)
        } else if (c == "}" || c == "]") { close_(); line = substr(line, 2)
        } else if (c == ",") { expect_key = (type[depth] == "{"); line = substr(line, 2)
        } else if (c == ":" || c == " " || c == "\t" || c == "\r") { line = substr(line, 2)
        } else if (match(line, /^[-+.0-9a-z]+/)) { scalar(substr(line, 1, RLENGTH), 0); line = substr(line, RLENGTH + 1)
        } else { print "error: unexpected character on line " NR > "/dev/stderr"; exit 2 }
    }
}
END { if (count != total) { print "error: numberOfTests is " total ", the file has " count > "/dev/stderr"; exit 2 } }
'

ZEROS=00000000000000000000000000000000

# check_file FILE: adds to $passed and $failed.
check_file() {
    awk -v sample="$sample" "$JSON_AWK" "$1" >"$tmp/cases" || { echo "error: cannot read $1" >&2; exit 65; }
    read -r schema total stride <"$tmp/cases"
    tail -n +2 "$tmp/cases" >"$tmp/fields"
    file_passed=0
    file_failed=0
    while IFS= read -r tc <&3 && IFS= read -r result <&3; do
        problem=
        if [ "$schema" = xiaoa_sign_v1 ]; then
            IFS= read -r input <&3 && IFS= read -r md5_first <&3 && IFS= read -r md5_second <&3 && IFS= read -r candidate <&3
            # $input is \ooo escapes: as printf's format it gives back the exact bytes, NUL included.
            first=$(printf "$input" | md5_hex)
            second=$(printf '%s' "$first" | md5_hex)
            rest=${second#????????}
            sign=${rest%"${rest#??????????}"}
            if [ "$first" != "$md5_first" ] || [ "$second" != "$md5_second" ]; then
                problem="md5s are $first $second"
            elif [ "$result" = valid ] || [ "$result" = acceptable ]; then
                # acceptable: the empty domain key, which the API never assigns; only the math is checked.
                [ "$sign" = "$candidate" ] || problem="sign is $sign, expected $candidate"
            elif [ "$result" != invalid ]; then
                problem="unknown result $result"
            elif [ "$result" = invalid ] && [ "$sign" = "$candidate" ]; then
                problem="verify accepted the wrong sign $candidate"
            fi
        else
            IFS= read -r key_text <&3 && IFS= read -r key <&3 && IFS= read -r iv <&3 && IFS= read -r msg <&3 &&
                IFS= read -r msg_hex <&3 && IFS= read -r b64 <&3
            if [ "$key_text" != null ]; then
                padded=$key_text$ZEROS # PHP's key: the text cut or zero-padded to 16 bytes = 32 hex digits
                padded=${padded%"${padded#????????????????????????????????}"}
                [ "$padded" = "$key" ] || problem="key text pads to $padded, expected $key"
            fi
            if [ -n "$problem" ]; then
                :
            elif [ "$result" = valid ]; then
                got=$(printf "$msg" | xiaoa_encrypt "$key" "$iv")
                if [ "$got" != "$b64" ]; then
                    problem="encrypt gave $got, expected $b64"
                elif ! xiaoa_decrypt "$b64" "$key" "$iv" "$tmp/plain"; then
                    problem="decrypt failed"
                else
                    plain=$(od -An -v -tx1 "$tmp/plain" | tr -d ' \n')
                    [ "$plain" = "$msg_hex" ] || problem="decrypt gave $plain, expected $msg_hex"
                fi
            elif xiaoa_decrypt "$b64" "$key" "$iv" "$tmp/plain"; then
                problem="decrypt accepted an invalid ciphertext"
            fi
        fi
        if [ -z "$problem" ]; then
            file_passed=$((file_passed + 1))
        else
            file_failed=$((file_failed + 1))
            [ "$file_failed" -gt 5 ] || echo "  $1 tcId $tc: $problem"
        fi
    done 3<"$tmp/fields"
    checked=$((file_passed + file_failed))
    note=
    [ "$checked" -eq "$total" ] || note=" (sampled $checked of $total tests: every ${stride}th)"
    echo "  $1: $file_passed passed, $file_failed failed$note"
    passed=$((passed + file_passed))
    failed=$((failed + file_failed))
}

check() {
    sample=0
    if [ "${1:-}" = --sample ]; then
        sample=$2
        shift 2
    fi
    [ $# -gt 0 ] || usage
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    passed=0
    failed=0
    for file in "$@"; do check_file "$file"; done
    echo "shell: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] || exit 1
}

usage() {
    echo "usage: xiaoa.sh sign TIMESTAMP DOMAIN_KEY | encrypt TEXT | decrypt BASE64 | check [--sample N] FILE..." >&2
    exit 64
}

case "${1:-} $#" in
"sign 3") xiaoa_sign "$2" "$3" && echo ;;
"encrypt 2") printf '%s' "$2" | xiaoa_encrypt "$KEY_HEX" "$IV_HEX" && echo ;;
"decrypt 2")
    out=$(mktemp)
    trap 'rm -f "$out"' EXIT
    xiaoa_decrypt "$2" "$KEY_HEX" "$IV_HEX" "$out" || {
        echo "error: cannot decrypt: not strict base64 of whole blocks with valid padding" >&2
        exit 65
    }
    cat "$out" && echo
    ;;
check*)
    shift
    check "$@"
    ;;
*) usage ;;
esac
