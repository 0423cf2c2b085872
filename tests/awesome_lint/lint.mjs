// Lint a README with awesome-lint's own rule set, minus the one rule that queries the GitHub API
// (tests never reach the network). Prints one line per message; exit 1 when there is any.
import process from 'node:process';
import lint from 'awesome-lint';
import config from 'awesome-lint/config.js';

const needsNetwork = new Set(['remark-lint:awesome-github']);
const offline = config.filter(plugin => !needsNetwork.has((Array.isArray(plugin) ? plugin[0] : plugin)?.name));
const vfiles = await lint({filename: process.argv[2], config: offline});
let count = 0;
for (const vfile of vfiles) {
	for (const message of vfile.messages) {
		console.log(`${vfile.path}:${message.line}:${message.column}: ${message.reason} [${message.ruleId ?? message.source}]`);
		count += 1;
	}
}
process.exitCode = count ? 1 : 0;
