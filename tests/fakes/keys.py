"""RSA keys for tests: GitHub Apps sign their JWTs with one."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def new_private_key() -> rsa.RSAPrivateKey:
    """Return a fresh 2048-bit RSA key, the size GitHub issues."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def to_pem(
    key: rsa.RSAPrivateKey,
    layout: serialization.PrivateFormat = serialization.PrivateFormat.PKCS8,
) -> str:
    """Return ``key`` as unencrypted PEM text."""
    return key.private_bytes(
        serialization.Encoding.PEM, layout, serialization.NoEncryption()
    ).decode()


def private_key_pem() -> str:
    """Return a fresh private key as PKCS#8 PEM text."""
    return to_pem(new_private_key())
