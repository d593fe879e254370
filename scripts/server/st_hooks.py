"""schemathesis hooks for the stand-in server: the vendor answers every outcome as HTTP 200 with a code in the
body, so "no server error" also means: no answer with code 500, and every body is the vendor's shape."""
import schemathesis

VENDOR_CODES = {0, 10000, 10001, 10002, 20001, 20002, 20003, 20004, 30001, 30002}


@schemathesis.check
def vendor_answer_is_not_a_server_error(ctx, response, case):
    if response.status_code == 405:  # GET /login only: other methods are plain HTTP
        return None
    body = response.json()
    if not isinstance(body, dict) or list(body.keys()) != ["code", "message", "data"]:
        raise AssertionError(f"not the vendor's {{code, message, data}} shape: {response.text[:200]}")
    if body["code"] == 500:
        raise AssertionError("the answer has code 500 (服务端错误): an unexpected failure in the server")
    if body["code"] not in VENDOR_CODES:
        raise AssertionError(f"code {body['code']} is not in the vendor's table")
    return None
