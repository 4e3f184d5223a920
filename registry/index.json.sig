{
  "algorithm": "ed25519",
  "key_id": "7b38565680d8d59d",
  "signature": "JK6UHlY9J/t+B8Tq94pUI9ZVG+0LMJnOkLU6F3AFYvrUGRNzaBi4Rbjsge7z4KWj/s967X2qybVYYeNWHO/8DA=="
}
