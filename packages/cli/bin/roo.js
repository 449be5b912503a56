#!/usr/bin/env node
import { main } from '../dist/bundle/roo.js';

await main();
