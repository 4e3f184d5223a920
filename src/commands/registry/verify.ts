import { existsSync } from 'node:fs';
import { Args } from '@oclif/core';
import { type JsonResult, StudioCommand } from '../../cli/base-command.js';
import { ErrorCodes } from '../../errors/codes.js';
import { StudioError } from '../../errors/studio-error.js';
import { assessIndex, readUserTrust } from '../../install/index-trust.js';
import { checkIndexText, readIndexText } from '../../registry/index-file.js';
import { signaturePath } from '../../registry/signature.js';
import { DEFAULT_INDEX_PATH } from '../../registry/sources.js';
import { stripControl } from '../../util/strip-control.js';

export default class RegistryVerify extends StudioCommand {
  static override summary =
    'Check a registry index: schema, duplicate name@version, npm name rules, integrity format, and its ed25519 signature.';

  static override description =
    'The signature is read from <index>.sig and checked against the key shipped with studio and the keys in your ' +
    'trust file (<config dir>/trust.json). Exit 2 for a broken index or a signature that does not match it; the ' +
    'shipped index must also carry a valid signature by the project key. Any other index that is unsigned or ' +
    'signed by a key you have not trusted passes, and is reported as such: installs from it need an explicit trust.';

  static override args = {
    file: Args.string({
      description: 'Index file (default: the index shipped with studio).',
      required: false,
    }),
  };

  static override examples = [
    '<%= config.bin %> registry verify',
    '<%= config.bin %> registry verify my-index.json --json',
  ];

  async run(): Promise<JsonResult | void> {
    const { args } = await this.parse(RegistryVerify);
    const file = args.file ?? DEFAULT_INDEX_PATH;
    const shown = args.file ?? 'registry/index.json';
    if (!existsSync(file)) {
      throw new StudioError(ErrorCodes.INPUT_NOT_FOUND, `${shown} does not exist`, {
        file: shown,
        hint: 'Give the path of a registry index JSON file.',
      });
    }
    const text = readIndexText(file, shown);
    const { index, problems } = checkIndexText(text, shown, { strict: true });
    if (problems.length > 0 || !index) {
      throw new StudioError(ErrorCodes.REGISTRY_INVALID, `${shown} has ${problems.length} problem(s)`, {
        file: shown,
        details: problems,
        hint: 'See schemas/registry_index.schema.json and docs/pack-authoring.md ("Getting listed").',
      });
    }
    const user = readUserTrust(this.config.configDir);
    const trust = assessIndex(file, text, args.file === undefined, user);
    const signature = trust.signature;
    if (signature.state === 'invalid') {
      throw new StudioError(ErrorCodes.INDEX_SIGNATURE_INVALID, `${shown}: ${trust.status}`, {
        file: `${shown}.sig`,
        hint: 'The index changed after it was signed: re-sign it ("studio registry sign <index> --key <private key>") or restore it.',
      });
    }
    if (args.file === undefined && signature.state !== 'signed') {
      throw new StudioError(ErrorCodes.INDEX_UNTRUSTED, `${shown} is ${trust.status}`, {
        file: existsSync(signaturePath(file)) ? `${shown}.sig` : shown,
        hint: 'The shipped index must be signed with the project key; restore registry/index.json.sig.',
      });
    }
    const versions = index.packages.reduce((n, p) => n + p.versions.length, 0);
    if (this.jsonEnabled())
      return {
        ok: true,
        file: shown,
        packages: index.packages.length,
        versions,
        trusted: trust.trusted,
        signature:
          signature.state === 'signed'
            ? { state: signature.state, key_id: signature.key.id, signer: signature.key.label }
            : signature.state === 'unknown-key'
              ? { state: signature.state, key_id: signature.keyId }
              : { state: signature.state },
      };
    process.stdout.write(
      stripControl(
        `${shown}: ok (${index.packages.length} packages, ${versions} versions); ${trust.status}` +
          (trust.trusted ? '' : ' (installs from it need --trust-index or an entry in your trust file)'),
      ) + '\n',
    );
  }
}
