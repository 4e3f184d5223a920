{
  "algorithm": "ed25519",
  "key_id": "7b38565680d8d59d",
  "signature": "XdkVxmQtQYd1lU4Bzrk9gs2+0c68OL88NviA5rN9gRzicIyIZAJZJpNPADt1QKU5a8y1NCCUct4TCTD79XDuDg=="
}
