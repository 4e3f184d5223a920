{
  "algorithm": "ed25519",
  "key_id": "7b38565680d8d59d",
  "signature": "lHbH4a+J7GkmKbnQ2Hmb7zxHTqZqEqqyNqrVyv5TZSNAbJDPqyc0ubDRvIlOLZLwCM095r2W7+DWul8Xgg0ZBA=="
}
