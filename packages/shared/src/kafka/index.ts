export * from './bus';
export { createMessageBus, CONSUMER_DEFAULTS, type ConsumerSettings, type KafkaBusOptions } from './kafkajs-bus';
export { withHeartbeats } from './keep-alive';
