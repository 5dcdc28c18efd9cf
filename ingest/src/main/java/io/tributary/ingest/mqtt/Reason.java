package io.tributary.ingest.mqtt;

/** MQTT 5 reason codes used by the broker (MQTT 5 §2.4), with their AWS meaning where it has one. */
final class Reason {
  static final byte SUCCESS = 0x00;
  static final byte GRANTED_QOS_1 = 0x01;
  static final byte GRANTED_QOS_2 = 0x02;
  static final byte DISCONNECT_WITH_WILL = 0x04;
  static final byte NO_MATCHING_SUBSCRIBERS = 0x10;
  static final byte NO_SUBSCRIPTION_EXISTED = 0x11;
  static final byte UNSPECIFIED_ERROR = (byte) 0x80;
  static final byte MALFORMED_PACKET = (byte) 0x81;
  static final byte PROTOCOL_ERROR = (byte) 0x82;
  static final byte IMPLEMENTATION_SPECIFIC = (byte) 0x83;
  static final byte UNSUPPORTED_PROTOCOL_VERSION = (byte) 0x84;
  static final byte CLIENT_ID_NOT_VALID = (byte) 0x85;
  static final byte BAD_USERNAME_OR_PASSWORD = (byte) 0x86;
  static final byte NOT_AUTHORIZED = (byte) 0x87;
  static final byte SERVER_UNAVAILABLE = (byte) 0x88;
  static final byte SERVER_SHUTTING_DOWN = (byte) 0x8B;
  static final byte BAD_AUTHENTICATION_METHOD = (byte) 0x8C;
  static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
  static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
  static final byte TOPIC_FILTER_INVALID = (byte) 0x8F;
  static final byte TOPIC_NAME_INVALID = (byte) 0x90;
  static final byte PACKET_ID_IN_USE = (byte) 0x91;
  static final byte PACKET_ID_NOT_FOUND = (byte) 0x92;
  static final byte RECEIVE_MAXIMUM_EXCEEDED = (byte) 0x93;
  static final byte TOPIC_ALIAS_INVALID = (byte) 0x94;
  static final byte PACKET_TOO_LARGE = (byte) 0x95;
  static final byte QUOTA_EXCEEDED = (byte) 0x97;
  static final byte ADMINISTRATIVE_ACTION = (byte) 0x98;
  static final byte PAYLOAD_FORMAT_INVALID = (byte) 0x99;
  static final byte RETAIN_NOT_SUPPORTED = (byte) 0x9A;
  static final byte QOS_NOT_SUPPORTED = (byte) 0x9B;
  static final byte SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = (byte) 0x9E;
  static final byte SUBSCRIPTION_IDS_NOT_SUPPORTED = (byte) 0xA1;

  private Reason() {}
}
