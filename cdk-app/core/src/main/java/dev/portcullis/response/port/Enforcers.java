package dev.portcullis.response.port;

/** The enforcer of each enforcement point (the adapters build them per point: rule group, IP sets, one NACL). */
@FunctionalInterface
public interface Enforcers {

    Enforcer at(EnforcementPoint point);
}
