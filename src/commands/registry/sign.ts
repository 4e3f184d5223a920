import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Args, Flags } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { checkIndexText, readIndexText } from '../../registry/index-file.js';
import { signIndex, signaturePath } from '../../registry/signature.js';
import { canonicalJson } from '../../util/canonical-json.js';

export default class RegistrySign extends StudioCommand {
  static override summary = 'Sign a registry index with an ed25519 private key (writes <index>.sig).';

  static override description =
    'For index maintainers. The signature covers the canonical JSON of the index (sorted keys), so formatting ' +
    'changes do not break it and any change of content does. Users trust your index by adding your public key ' +
    'to their trust file; keep the private key out of any repository.';

  static override args = {
    file: Args.string({ description: 'Index file to sign.', required: true }),
  };

  static override flags = {
    key: Flags.string({ description: 'ed25519 private key, PEM (PKCS#8).', required: true }),
  };

  static override examples = [
    '<%= config.bin %> registry sign vendor-index.json --key ~/keys/index-signing.pem',
  ];

  async run(): Promise<JsonResult> {
    const { args, flags } = await this.parse(RegistrySign);
    const text = readIndexText(args.file);
    const { index, problems } = checkIndexText(text, args.file, { strict: true });
    if (!index || problems.length > 0) {
      throw new StudioError(
        ErrorCodes.REGISTRY_INVALID,
        `${args.file} has ${problems.length} problem(s); not signed`,
        {
          file: args.file,
          details: problems,
          hint: 'Fix the index first ("studio registry verify <file>" lists the problems).',
        },
      );
    }
    let pem: string;
    try {
      pem = readFileSync(flags.key, 'utf8');
    } catch (error) {
      throw new StudioError(ErrorCodes.INPUT_NOT_FOUND, `the key ${flags.key} cannot be read`, {
        cause: error,
        hint: 'Give a PEM file holding an ed25519 private key (openssl genpkey -algorithm ed25519).',
      });
    }
    let signature;
    try {
      signature = signIndex(text, pem);
    } catch (error) {
      throw new StudioError(ErrorCodes.FLAG_INVALID, `--key: ${(error as Error).message}`, {
        hint: 'Give a PEM file holding an ed25519 private key (openssl genpkey -algorithm ed25519).',
      });
    }
    const out = signaturePath(args.file);
    writeFileSync(`${out}.tmp`, canonicalJson(signature));
    renameSync(`${out}.tmp`, out);
    this.log(`${out}: signed with key ${signature.key_id}`);
    return { signature: out, key_id: signature.key_id };
  }
}
