'use strict';

// n8n-core's execution contexts read an instance folder and encryption key; keep both out of $HOME.
const os = require('os');
const path = require('path');

process.env.N8N_USER_FOLDER = path.join(os.tmpdir(), 'n8n-nodes-devin-jest');
process.env.N8N_ENCRYPTION_KEY = 'n8n-nodes-devin-test-encryption';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
require('reflect-metadata');
