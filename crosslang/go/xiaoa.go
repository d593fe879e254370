// The Xiao A API's sign and password cipher in Go (standard library only), and a checker for vector files.
//
//	go run . sign TIMESTAMP DOMAIN_KEY   -> the 10-character sign
//	go run . encrypt TEXT                -> base64 ciphertext (vendor key and IV)
//	go run . decrypt BASE64              -> plaintext
//	go run . check FILE...               -> "go: N passed, M failed" over sign/password vector files
package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

var (
	keyText  = []byte("xiaoa")
	vendorIV = []byte("1234567890123456")
)

func md5Hex(data []byte) string {
	sum := md5.Sum(data)
	// Lowercase, like PHP's md5(). Trap: fmt.Sprintf("%X", sum) is upper case.
	return hex.EncodeToString(sum[:])
}

// Sign is substr(md5(md5(timestamp . domain_key)), 8, 10), on the raw bytes.
func Sign(timestamp, domainKey []byte) string {
	input := append(append([]byte{}, timestamp...), domainKey...)
	// Trap: PHP's substr($s, 8, 10) is (start, length); a Go slice is [start:end].
	return md5Hex([]byte(md5Hex(input)))[8:18]
}

// Verify compares exactly (no strings.ToLower, no TrimSpace) and in constant time.
func Verify(candidate string, timestamp, domainKey []byte) bool {
	return subtle.ConstantTimeCompare([]byte(candidate), []byte(Sign(timestamp, domainKey))) == 1
}

// PHPKey is the 16-byte key PHP's openssl_encrypt makes of a text key: cut to 16, padded with NUL bytes.
//
// Trap: aes.NewCipher refuses a 5-byte key and, worse, silently picks AES-192 or AES-256 for a 24- or
// 32-byte one. PHP's 'AES-128-CBC' always uses exactly 16 bytes.
func PHPKey(text []byte) []byte {
	key := make([]byte, 16)
	copy(key, text)
	return key
}

// Encrypt is AES-128-CBC with PKCS#7 padding, as standard base64.
func Encrypt(plaintext, key, iv []byte) string {
	block, err := aes.NewCipher(key)
	if err != nil || len(key) != 16 {
		panic("Encrypt needs a 16-byte key")
	}
	// Trap: Go's standard library has no PKCS#7; CryptBlocks panics on a partial block. Pad by hand: always
	// 1 to 16 bytes, a whole block of 0x10 when the length is already a multiple of 16.
	pad := 16 - len(plaintext)%16
	padded := append(append([]byte{}, plaintext...), bytes.Repeat([]byte{byte(pad)}, pad)...)
	out := make([]byte, len(padded))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, padded)
	return base64.StdEncoding.EncodeToString(out)
}

// Decrypt returns the plaintext, or an error for anything but strict base64 of whole blocks with valid padding.
func Decrypt(text string, key, iv []byte) ([]byte, error) {
	// Trap: base64.StdEncoding skips \r and \n anywhere and accepts non-zero unused bits in the last character;
	// .Strict() fixes the bits, and the round trip refuses everything else that is not the one canonical form.
	ciphertext, err := base64.StdEncoding.Strict().DecodeString(text)
	if err != nil || base64.StdEncoding.EncodeToString(ciphertext) != text {
		return nil, errors.New("not strict base64")
	}
	if len(ciphertext) == 0 || len(ciphertext)%16 != 0 {
		return nil, fmt.Errorf("ciphertext of %d bytes is not whole 16-byte blocks", len(ciphertext))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	padded := make([]byte, len(ciphertext))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(padded, ciphertext)
	pad := int(padded[len(padded)-1])
	if pad < 1 || pad > 16 || !bytes.Equal(padded[len(padded)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
		return nil, errors.New("bad padding") // one error for every padding fault: no padding oracle
	}
	return padded[:len(padded)-pad], nil
}

// --- checking vector files (schema: Vectors/README.md) ---

type vectorFile struct {
	Algorithm     string                     `json:"algorithm"`
	Schema        string                     `json:"schema"`
	Source        map[string]json.RawMessage `json:"source"`
	NumberOfTests int                        `json:"numberOfTests"`
	Header        []string                   `json:"header"`
	Notes         map[string]json.RawMessage `json:"notes"`
	TestGroups    []struct {
		Type    string  `json:"type"`
		KeyText *string `json:"keyText"` // null: a raw key
		Key     string  `json:"key"`
		IV      string  `json:"iv"`
		Tests   []struct {
			TcID      int      `json:"tcId"`
			Comment   string   `json:"comment"`
			Flags     []string `json:"flags"`
			Result    string   `json:"result"`
			Timestamp string   `json:"timestamp"`
			DomainKey string   `json:"domainKey"`
			MD5First  string   `json:"md5First"`
			MD5Second string   `json:"md5Second"`
			Sign      string   `json:"sign"`
			Msg       string   `json:"msg"`
			Padded    string   `json:"padded"`
			CT        string   `json:"ct"`
			Base64    string   `json:"base64"`
		} `json:"tests"`
	} `json:"testGroups"`
}

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func checkFile(path string) (passed, failed int, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	var doc vectorFile
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields() // a field we do not know is a check we would silently skip
	if err := decoder.Decode(&doc); err != nil {
		return 0, 0, fmt.Errorf("%s: %v", path, err)
	}
	if doc.Schema != "xiaoa_sign_v1" && doc.Schema != "xiaoa_password_v1" {
		return 0, 0, fmt.Errorf("%s: unknown schema %q", path, doc.Schema)
	}
	count := 0
	for _, group := range doc.TestGroups {
		for _, t := range group.Tests {
			count++
			var problem string
			if doc.Schema == "xiaoa_sign_v1" {
				ts, dk := unhex(t.Timestamp), unhex(t.DomainKey)
				first := md5Hex(append(append([]byte{}, ts...), dk...))
				accepted := Verify(t.Sign, ts, dk)
				switch {
				case first != t.MD5First || md5Hex([]byte(first)) != t.MD5Second:
					problem = "md5s differ"
				case t.Result == "valid" && (Sign(ts, dk) != t.Sign || !accepted):
					problem = fmt.Sprintf("sign is %s, expected %s", Sign(ts, dk), t.Sign)
				case t.Result == "invalid" && accepted:
					problem = fmt.Sprintf("verify accepted the wrong sign %q", t.Sign)
				// acceptable: the empty domain key, which the API never assigns; only the math is checked.
				case t.Result == "acceptable" && Sign(ts, dk) != t.Sign:
					problem = fmt.Sprintf("sign is %s, expected %s", Sign(ts, dk), t.Sign)
				case t.Result != "valid" && t.Result != "invalid" && t.Result != "acceptable":
					problem = fmt.Sprintf("unknown result %q", t.Result)
				}
			} else {
				key, iv := unhex(group.Key), unhex(group.IV)
				if group.KeyText != nil && !bytes.Equal(PHPKey(unhex(*group.KeyText)), key) {
					problem = "key text does not pad to key"
				} else if t.Result == "valid" {
					msg := unhex(t.Msg)
					got := Encrypt(msg, key, iv)
					ct, _ := base64.StdEncoding.DecodeString(got)
					plain, err := Decrypt(t.Base64, key, iv)
					switch {
					case got != t.Base64 || hex.EncodeToString(ct) != t.CT:
						problem = fmt.Sprintf("encrypt gave %s, expected %s", got, t.Base64)
					case err != nil:
						problem = "decrypt failed: " + err.Error()
					case !bytes.Equal(plain, msg):
						problem = "decrypt gave " + hex.EncodeToString(plain)
					}
				} else if _, err := Decrypt(t.Base64, key, iv); err == nil {
					problem = "decrypt accepted an invalid ciphertext"
				}
			}
			if problem == "" {
				passed++
			} else if failed++; failed <= 5 {
				fmt.Printf("  %s tcId %d %v: %s\n", path, t.TcID, t.Flags, problem)
			}
		}
	}
	if count != doc.NumberOfTests {
		return passed, failed, fmt.Errorf("%s: numberOfTests is %d, the file has %d", path, doc.NumberOfTests, count)
	}
	fmt.Printf("  %s: %d passed, %d failed\n", path, passed, failed)
	return passed, failed, nil
}

func main() {
	args := os.Args[1:]
	key := PHPKey(keyText)
	switch {
	case len(args) >= 2 && args[0] == "check":
		passed, failed := 0, 0
		for _, path := range args[1:] {
			p, f, err := checkFile(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, "error:", err)
				os.Exit(65)
			}
			passed, failed = passed+p, failed+f
		}
		fmt.Printf("go: %d passed, %d failed\n", passed, failed)
		if failed > 0 {
			os.Exit(1)
		}
	case len(args) == 3 && args[0] == "sign":
		fmt.Println(Sign([]byte(args[1]), []byte(args[2])))
	case len(args) == 2 && args[0] == "encrypt":
		fmt.Println(Encrypt([]byte(args[1]), key, vendorIV))
	case len(args) == 2 && args[0] == "decrypt":
		plain, err := Decrypt(args[1], key, vendorIV)
		if err != nil {
			fmt.Fprintln(os.Stderr, "error: cannot decrypt:", err)
			os.Exit(65)
		}
		os.Stdout.Write(append(plain, '\n'))
	default:
		fmt.Fprintln(os.Stderr, "usage: xiaoa sign TIMESTAMP DOMAIN_KEY | encrypt TEXT | decrypt BASE64 | check FILE...")
		os.Exit(64)
	}
}
