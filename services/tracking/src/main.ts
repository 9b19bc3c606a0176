#!/usr/bin/env node
import { runService } from '@vanthu/shared';
import { trackingService } from './service';

runService(trackingService);
