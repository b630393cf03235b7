{{/* Names and labels, in one place. */}}
{{- define "magnetar.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "magnetar.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "magnetar.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
Every function replica pod, by the labels the controller puts on it (FunctionNames, through ChildMetadata):
managed by Magnetar and naming its function. A test renders this against a replica pod the controller makes.
*/}}
{{- define "magnetar.replicaSelector" -}}
matchLabels:
  app.kubernetes.io/managed-by: magnetar
matchExpressions:
  - key: magnetar.dev/function
    operator: Exists
{{- end -}}

{{- define "magnetar.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .image.repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{/* The restricted Pod Security Standard, for every pod of the chart. */}}
{{- define "magnetar.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurity.runAsUser }}
runAsGroup: {{ .Values.podSecurity.runAsGroup }}
fsGroup: {{ .Values.podSecurity.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "magnetar.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "magnetar.pulsarEnv" -}}
- name: MAGNETAR_PULSAR_SERVICE_URL
  value: {{ .Values.pulsar.serviceUrl | quote }}
- name: MAGNETAR_PULSAR_ADMIN_URL
  value: {{ .Values.pulsar.adminUrl | quote }}
{{- if .Values.pulsar.auth.tokenSecret.name }}
- name: MAGNETAR_PULSAR_AUTH_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .Values.pulsar.auth.tokenSecret.name }}
      key: {{ .Values.pulsar.auth.tokenSecret.key }}
{{- end }}
{{- end -}}

{{- define "magnetar.scheduling" -}}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
