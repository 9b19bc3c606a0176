#!/usr/bin/env node
import { runService } from '@vanthu/shared';
import { archiveService } from './service';

runService(archiveService);
