{
  "algorithm": "ed25519",
  "key_id": "7b38565680d8d59d",
  "signature": "5+LmDlUBLr4Bp/cssrGAhwBr7fxKQODLtzwAwjlDBmmswoscxTiWUlvSd6EsxehBZZ9EDvagHTPEWWRWL90XBw=="
}
