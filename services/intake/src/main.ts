#!/usr/bin/env node
import { runService } from '@vanthu/shared';
import { intakeService } from './service';

runService(intakeService);
