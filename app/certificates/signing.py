"""Signed credentials: W3C Verifiable Credentials 2.0 / Open Badges 3.0 with an Ed25519 proof.

The proof is a Data Integrity proof with the ``eddsa-jcs-2022`` cryptosuite: the document and
the proof options are canonicalised with JCS (RFC 8785), hashed with SHA-256, and the
concatenated hashes are signed with Ed25519; ``proofValue`` is base58btc multibase ('z…').
Pure functions (no web or database code), so anyone can verify offline with the issuer's
public key from its DID document (/.well-known/did.json).
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_PUB_MULTICODEC = b"\xed\x01"
CRYPTOSUITE = "eddsa-jcs-2022"


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = B58_ALPHABET[rest] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = B58_ALPHABET.find(char)
        if index < 0:
            raise ValueError(f"not base58: {char!r}")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    pad = len(text) - len(text.lstrip("1"))
    return b"\0" * pad + body


def canonical(value: Any) -> bytes:
    """JCS (RFC 8785) for JSON without non-integral floats: sorted keys, no whitespace, UTF-8."""

    def check(node: Any) -> None:
        if isinstance(node, float) and (not math.isfinite(node) or not node.is_integer()):
            raise ValueError("credentials carry numbers as integers or strings (JCS safety)")
        if isinstance(node, dict):
            for child in node.values():
                check(child)
        elif isinstance(node, list):
            for child in node:
                check(child)

    check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def public_multibase(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + b58encode(ED25519_PUB_MULTICODEC + raw)


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    if not value.startswith("z"):
        raise ValueError("publicKeyMultibase must be base58btc ('z…')")
    raw = b58decode(value[1:])
    if not raw.startswith(ED25519_PUB_MULTICODEC) or len(raw) != 34:
        raise ValueError("not an Ed25519 public key")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The issuer key, generated once (PEM, mode 0600) and kept like the secret key."""
    from app.config import read_or_create_secret_file

    def make() -> bytes:
        return Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())

    key = serialization.load_pem_private_key(read_or_create_secret_file(path, make), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 key")
    return key


def _hash_data(document: dict[str, Any], proof_options: dict[str, Any]) -> bytes:
    return hashlib.sha256(canonical(proof_options)).digest() + hashlib.sha256(canonical(document)).digest()


def sign(document: dict[str, Any], key: Ed25519PrivateKey, verification_method: str, created: str) -> dict[str, Any]:
    """Return a copy of the credential with a DataIntegrityProof (eddsa-jcs-2022)."""
    unsigned = copy.deepcopy(document)
    unsigned.pop("proof", None)
    options = {"type": "DataIntegrityProof", "cryptosuite": CRYPTOSUITE, "created": created,
               "verificationMethod": verification_method, "proofPurpose": "assertionMethod"}
    if "@context" in unsigned:
        options["@context"] = unsigned["@context"]
    signature = key.sign(_hash_data(unsigned, options))
    proof = {k: v for k, v in options.items() if k != "@context"}
    proof["proofValue"] = "z" + b58encode(signature)
    return {**unsigned, "proof": proof}


def verify(credential: dict[str, Any], public_key: Ed25519PublicKey) -> bool:
    """True when the proof is a valid eddsa-jcs-2022 signature of exactly this document."""
    proof = credential.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != CRYPTOSUITE:
        return False
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        return False
    document = {k: v for k, v in credential.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in document:
        options["@context"] = document["@context"]
    try:
        public_key.verify(b58decode(value[1:]), _hash_data(document, options))
    except (InvalidSignature, ValueError):
        return False
    return True


def did_document(did: str, public_key: Ed25519PublicKey) -> dict[str, Any]:
    """The issuer's DID document (did:web), publishing its public key as a Multikey."""
    method = f"{did}#key-1"
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [{"id": method, "type": "Multikey", "controller": did,
                                "publicKeyMultibase": public_multibase(public_key)}],
        "assertionMethod": [method],
        "authentication": [method],
    }


def key_from_did_document(document: dict[str, Any], method_id: str) -> Ed25519PublicKey:
    for method in document.get("verificationMethod", []):
        if method.get("id") == method_id:
            return public_key_from_multibase(method["publicKeyMultibase"])
    raise ValueError(f"the DID document has no key {method_id}")


def did_web(base_url: str) -> str:
    """did:web for the site's host: http://127.0.0.1:8000 → did:web:127.0.0.1%3A8000."""
    host = base_url.split("://", 1)[-1].rstrip("/")
    host, _, path = host.partition("/")
    did = "did:web:" + host.replace(":", "%3A")
    if path:
        did += ":" + path.replace("/", ":")
    return did


CHECK_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def check_character(body: str) -> str:
    """ISO 7064 MOD 37,36 check character over letters and digits (catches typos and swaps)."""
    modulus = 36
    product = modulus
    for char in body.upper():
        if char not in CHECK_ALPHABET:
            continue
        total = (product + CHECK_ALPHABET.index(char)) % modulus
        product = (2 * (total or modulus)) % (modulus + 1)
    return CHECK_ALPHABET[(modulus + 1 - product) % modulus]


def certificate_number(level: int, year: int, sequence: int) -> str:
    body = f"AIDE{level}-{year}-{sequence:06d}"
    return f"{body}-{check_character(body)}"


def number_is_well_formed(number: str) -> bool:
    parts = number.rsplit("-", 1)
    return len(parts) == 2 and len(parts[1]) == 1 and check_character(parts[0]) == parts[1].upper()
