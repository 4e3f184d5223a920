{
  "algorithm": "ed25519",
  "key_id": "7b38565680d8d59d",
  "signature": "kNvMXINh1NxoupjwhOsMNMDQdcjv0hIaceC7m6UiJOC46kbVqpj6A8ZP+LUeQWvKBOB8+GD/CxtICYesCGEECA=="
}
