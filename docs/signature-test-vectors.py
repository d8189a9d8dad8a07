# Generates signature-test-vectors.json (beside this file) with an implementation independent of the .NET
# package: Python's standard library only. Run: python3 docs/signature-test-vectors.py
# The secrets below are test values, published on purpose; never use them for a real subscription.
import base64, datetime, hashlib, hmac, json, os

S1 = "whsec_HRjOM5Babk8tboEOrHJ1R7N5gXIjmfPRVSl2W/yDYq8="
S2 = "whsec_VCMHI2DKrzVEARkM+BKOxEROcCQxQNtg2dmr3rUPtX4="
S3 = "whsec_d2P7CVGX/7CnodxAZV7tZudooDMG8yWl7tLU1iJAtvA="
S64 = "whsec_lc/WdopS5Izt5XS/tiNjwEZRNO2Lw0BqbUMuGfkMKjb6YndwKFTRNimqq0tnf1EABO30uROWF1SWDGrUJ0bXyw=="

def key(s):
    assert s.startswith("whsec_")
    return base64.b64decode(s[len("whsec_"):], validate=True)

def sign(secrets, event_id, ts, body):
    content = f"{event_id}.{ts}.".encode("utf-8") + body
    return ", ".join("sha256=" + hmac.new(key(s), content, hashlib.sha256).hexdigest() for s in secrets)

def sign_std(secrets, event_id, unix, body):
    content = f"{event_id}.{unix}.".encode("utf-8") + body
    return " ".join("v1," + base64.b64encode(hmac.new(key(s), content, hashlib.sha256).digest()).decode() for s in secrets)

def unix_of(ts):
    return int(datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())

SEED = ('{"eventId":"evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C","eventType":"visit_report.approved","payloadVersion":"1.0",'
        '"occurredAt":"2026-06-18T16:40:00Z","tenantId":"tenant-123","source":"ordinavo",'
        '"customer":{"ordinavoCustomerId":12,"externalId":"CUST-10042","customerNumber":"RRM-001","name":"Rhein-Ruhr Medical Supply"},'
        '"visitReport":{"id":901,"title":"Maintenance visit - Essen Center","status":"Approved","result":"Successful",'
        '"followUpRequired":false,"isBillable":true,"billingStatus":"NotReady","attachmentCount":2}}')
UMLAUT = ('{"eventId":"evt_01JZ8A3Q4W7E2R1T0Y9V8H7G6P","eventType":"appointment.problem_reported","payloadVersion":"1.0",'
          '"occurredAt":"2026-06-18T07:05:00Z","tenantId":"tenant-123","source":"ordinavo",'
          '"location":{"ordinavoLocationId":34,"name":"Büro Düsseldorf – Königsallee","city":"Düsseldorf","hasCoordinates":false},'
          '"problem":{"code":"ACCESS_DENIED","message":"Tür verschlossen, Schlüssel fehlt 🔑🚚 – Grüße aus Köln ✓"}}')
CRLF = '{\r\n  "eventId": "evt_01JZ8A4B5C6D7E8F9G0H1J2K3M",\r\n  "eventType": "target.imported",\r\n  "payloadVersion": "1.0",\r\n  "occurredAt": "2026-06-18T08:00:00Z",\r\n  "tenantId": "tenant-123",\r\n  "source": "ordinavo"\r\n}\r\n'
BINARY = bytes([0x00, 0xFF, 0xFE, 0x80, 0x7F, 0x0D, 0x0A, 0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0x00, 0x01])
PATTERN = "ordinavo-1mib-test-body 0123456789abcdef\n"
MIB = 1048576

def generated(pattern, length):
    p = pattern.encode("utf-8")
    return (p * (length // len(p) + 1))[:length]

vectors = []
def add(name, description, secrets, event_id, ts, body, text=True, generator=None, standard=False):
    v = {"name": name, "description": description, "secrets": secrets, "eventId": event_id, "timestamp": ts}
    if generator is not None:
        v["body"] = None
        v["bodyBase64"] = None
        v["bodyGenerator"] = generator
    else:
        v["body"] = body.decode("utf-8") if text else None
        v["bodyBase64"] = base64.b64encode(body).decode()
    v["bodyLength"] = len(body)
    v["bodySha256"] = hashlib.sha256(body).hexdigest()
    v["signedPrefix"] = f"{event_id}.{ts}."
    headers = {"X-Ordinavo-Event-Id": event_id, "X-Ordinavo-Timestamp": ts, "X-Ordinavo-Signature": sign(secrets, event_id, ts, body)}
    if standard:
        unix = unix_of(ts)
        headers["webhook-id"] = event_id
        headers["webhook-timestamp"] = str(unix)
        headers["webhook-signature"] = sign_std(secrets, event_id, unix, body)
    v["standardWebhooks"] = standard
    v["headers"] = headers
    vectors.append(v)

E1 = "evt_01JZ8A2MT8G7C3Y7V0WQ1M9B3C"
add("seed-example", "The canonical visit_report.approved body (compact JSON), one secret.", [S1], E1, "2026-06-18T16:40:05Z", SEED.encode())
add("empty-body", "A zero-length body: the signed content is the prefix alone.", [S1], "evt_01JZ8A5N6P7Q8R9S0T1V2W3X4Y", "2026-06-18T16:41:00Z", b"")
add("non-ascii", "UTF-8 body with umlauts, an en dash, a check mark and emoji (4-byte sequences).", [S1], "evt_01JZ8A3Q4W7E2R1T0Y9V8H7G6P", "2026-06-18T07:05:09Z", UMLAUT.encode("utf-8"))
add("crlf-line-endings", "Indented JSON with CRLF line endings and a final CRLF: the bytes are signed as they are, never normalised.", [S1], "evt_01JZ8A4B5C6D7E8F9G0H1J2K3M", "2026-06-18T08:00:01Z", CRLF.encode())
add("trailing-newline", "The seed-example body plus one LF: one more byte gives a different signature.", [S1], E1, "2026-06-18T16:40:05Z", (SEED + "\n").encode())
add("binary-body", "Bytes that are not valid UTF-8 (only the base64 form exists): the signature covers raw bytes, not text.", [S1], "evt_01JZ8A6A7B8C9D0E1F2G3H4J5K", "2026-06-18T16:42:00Z", BINARY, text=False)
add("one-mebibyte", "A 1 MiB body: the UTF-8 bytes of bodyGenerator.repeat repeated and cut at exactly bodyGenerator.length bytes.", [S1], "evt_01JZ8A7M8N9P0Q1R2S3T4V5W6X", "2026-06-18T16:43:00Z", generated(PATTERN, MIB), generator={"repeat": PATTERN, "length": MIB})
add("rotation-two-secrets", "Secret rotation: one entry per active secret, in the order of the secrets, separated by comma and space.", [S1, S2], E1, "2026-06-18T16:40:05Z", SEED.encode())
add("rotation-three-secrets", "Three active secrets: three entries.", [S2, S3, S1], "evt_01JZ8A8Y9Z0A1B2C3D4E5F6G7H", "2026-06-18T16:44:30Z", b'{"eventType":"billing.event_ready"}')
add("long-key", "A secret of 64 bytes (more than the minimum of 32).", [S64], E1, "2026-06-18T16:40:05Z", SEED.encode())
add("end-of-year", "A timestamp at the last second of a year; other secret.", [S3], "evt_01K0000000000000000000000Z", "2026-12-31T23:59:59Z", b'{"eventType":"route.published"}')
add("standard-webhooks", "The Standard Webhooks headers as well: webhook-timestamp is Unix seconds, webhook-signature is v1,<base64>.", [S1], E1, "2026-06-18T16:40:05Z", SEED.encode(), standard=True)
add("standard-webhooks-rotation", "Standard Webhooks with two secrets: entries separated by a single space.", [S1, S2], "evt_01JZ8A3Q4W7E2R1T0Y9V8H7G6P", "2026-06-18T07:05:09Z", UMLAUT.encode("utf-8"), standard=True)
add("standard-webhooks-empty-body", "Standard Webhooks form with an empty body.", [S2], "evt_01JZ8A5N6P7Q8R9S0T1V2W3X4Y", "2026-06-18T16:41:00Z", b"", standard=True)


base = vectors[0]
good = base["headers"]["X-Ordinavo-Signature"]
cases = []
def case(name, description, expected, http, headers=None, body=None, secrets=None, clock=None, based_on=None):
    c = {"name": name, "description": description, "basedOn": (based_on or base)["name"]}
    if headers is not None: c["headers"] = headers
    if body is not None: c["bodyBase64"] = base64.b64encode(body).decode()
    if secrets is not None: c["receiverSecrets"] = secrets
    if clock is not None: c["receiverClock"] = clock
    c["expected"] = expected
    c["httpStatus"] = http
    cases.append(c)
def hdr(**kw):
    h = dict(base["headers"])
    for k, v in kw.items():
        h[{"id": "X-Ordinavo-Event-Id", "ts": "X-Ordinavo-Timestamp", "sig": "X-Ordinavo-Signature"}[k]] = v
    return h
case("as-is", "The vector itself.", "Valid", 200)
case("tampered-body", "One byte of the body changed (Approved -> approved).", "NoMatchingSignature", 401, body=SEED.replace('"Approved"', '"approved"').encode())
case("tampered-timestamp", "Timestamp one second later, signature unchanged.", "NoMatchingSignature", 401, headers=hdr(ts="2026-06-18T16:40:06Z"))
case("tampered-event-id", "Event id changed in the last character, signature unchanged.", "NoMatchingSignature", 401, headers=hdr(id=E1[:-1] + "D"))
case("wrong-secret", "The receiver holds another secret only.", "NoMatchingSignature", 401, secrets=[S3])
case("rotation-receiver-holds-both", "The receiver holds a new and the old secret; the publisher signed with the old one.", "Valid", 200, secrets=[S2, S1])
case("upper-case-hex", "The hex digits in upper case.", "Valid", 200, headers=hdr(sig="sha256=" + good[7:].upper()))
case("valid-entry-last", "Malformed and unknown entries before the valid one are skipped.", "Valid", 200, headers=hdr(sig="sha256=zz, sha512=" + "ab" * 64 + ", v1,abc, " + good))
case("no-space-after-comma", "Entries separated by a comma without a space.", "Valid", 200, headers=hdr(sig="sha256=" + "0" * 64 + "," + good))
case("only-malformed-entries", "No entry is a well-formed sha256 entry.", "MalformedHeader", 400, headers=hdr(sig="sha256=xyz, md5=abc"))
case("missing-signature", "No X-Ordinavo-Signature header (nor webhook-signature).", "MissingHeader", 400, headers={k: v for k, v in base["headers"].items() if k != "X-Ordinavo-Signature"})
case("timestamp-with-fraction", "The timestamp is not in the form yyyy-MM-ddTHH:mm:ssZ.", "MalformedHeader", 400, headers=hdr(ts="2026-06-18T16:40:05.000Z"))
case("clock-5-minutes-ahead", "The receiver's clock is exactly 5 minutes after the timestamp: still accepted.", "Valid", 200, clock="2026-06-18T16:45:05Z")
case("clock-too-far-ahead", "The receiver's clock is 5 minutes and 1 second after the timestamp.", "TimestampOutsideTolerance", 401, clock="2026-06-18T16:45:06Z")
case("clock-too-far-behind", "The receiver's clock is 5 minutes and 1 second before the timestamp (a timestamp from the future).", "TimestampOutsideTolerance", 401, clock="2026-06-18T16:35:04Z")
std_rotation = next(v for v in vectors if v["name"] == "standard-webhooks-rotation")
case("standard-webhooks-rotation-last-entry",
     "Only the Standard Webhooks headers, signed with two secrets; the receiver holds only the second, whose entry is the "
     "last of the header. Every entry is checked, the last one too. (The StandardWebhooks NuGet package 1.1.2 never "
     "checks the last of several entries and rejects this request: see docs/verifying-signatures.md.)",
     "Valid", 200, based_on=std_rotation, secrets=[S2],
     headers={k: v for k, v in std_rotation["headers"].items() if k.startswith("webhook-")})

doc = {
    "description": "Test vectors for Ordinavo webhook signatures (wire contract sections 3 and 4). See docs/verifying-signatures.md.",
    "algorithm": {
        "key": "base64-decode the secret after its 'whsec_' prefix",
        "signedContent": "UTF-8 bytes of '{eventId}.{timestamp}.' followed by the raw body bytes",
        "signature": "'sha256=' + lowercase hex of HMAC-SHA256(key, signedContent); several entries joined by ', '",
        "standardWebhooks": "'v1,' + base64 of HMAC-SHA256(key, UTF-8 '{eventId}.{unixSeconds}.' + body); several entries joined by ' '",
    },
    "bodyFields": "body is the UTF-8 text when the bytes are valid UTF-8 (else null); bodyBase64 is always the exact bytes, except for bodyGenerator vectors: repeat the UTF-8 bytes of bodyGenerator.repeat and cut at bodyGenerator.length bytes. bodyLength and bodySha256 (hex SHA-256 of the bytes) let you check the body you built.",
    "verifyAt": "Each vector verifies when the receiver's clock equals its timestamp (tolerance 5 minutes).",
    "verificationCasesFields": "Each case starts from the vector named basedOn and replaces what it lists: headers (the complete set sent), bodyBase64 (the body), receiverSecrets (the secrets the receiver holds), receiverClock (the receiver's clock; default the vector's timestamp). expected is the verification outcome, httpStatus the answer of contract section 6. A case whose headers are only the Standard Webhooks headers is for a receiver configured to accept them.",
    "vectors": vectors,
    "verificationCases": cases,
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "signature-test-vectors.json"), "w", encoding="utf-8", newline="\n") as f:
    json.dump(doc, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(len(vectors), "vectors")
