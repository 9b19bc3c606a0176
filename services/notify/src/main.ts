#!/usr/bin/env node
import { runService } from '@vanthu/shared';
import { notifyService } from './service';

runService(notifyService);
